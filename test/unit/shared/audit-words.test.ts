import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_LABELS,
  auditActionLabel,
  describeAuditEntry,
} from '../../../shared/audit-words';

const names = new Map([['p1', 'Acme treasury']]);
const nameOf = (id: string) => names.get(id) ?? `${id} (removed)`;
const say = (action: string, detail: Record<string, unknown>) =>
  describeAuditEntry({ action, detail }, nameOf);

const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

describe('describeAuditEntry', () => {
  it('names deleted rows as runs, and reads the numbers older entries listed', () => {
    expect(
      say('draft.rows-deleted', { draftId: 'd', rows: 1_000_000, rowRanges: [[2, 1_000_001]] }),
    ).toBe('1,000,000 rows deleted from the draft: 2-1,000,001');
    expect(say('draft.rows-restored', { draftId: 'd', rowNos: [5, 3, 4, 9] })).toBe(
      '4 deleted rows put back in the draft: 3-5, 9',
    );
  });

  it('says a cancelled payout with its amount, network and a short address', () => {
    expect(
      say('payout.cancelled', {
        kind: 'single',
        id: '1042',
        message: 'paid by wire',
        currency: 'USDT_TRX',
        amount: '12.5',
        address: TRON,
      }),
    ).toBe('Payout 1042 of 12.5 USDT_TRX (Tron) to TR7NHq…jLj6t cancelled: “paid by wire”');
  });

  it('keeps entries written before the amount was recorded readable', () => {
    expect(say('payout.cancelled', { kind: 'mass', id: '7', message: null })).toBe(
      'Mass payout 7 cancelled',
    );
    expect(say('profile.updated', { credentialsChanged: true })).toBe(
      'API key or secret replaced (this entry predates the record of each change)',
    );
    expect(say('profile.updated', { credentialsChanged: false })).toMatch(/^Saved /);
  });

  it('lists what a profile change changed, never a key or secret value', () => {
    expect(
      say('profile.updated', {
        credentialsChanged: true,
        changes: [
          { field: 'name', from: 'Acme', to: 'Acme treasury' },
          { field: 'key' },
          { field: 'secret' },
        ],
      }),
    ).toBe('Name changed from “Acme” to “Acme treasury”; API key replaced; API secret replaced');
    expect(say('profile.updated', { credentialsChanged: false, changes: [] })).toBe(
      'Saved with no change',
    );
  });

  it('names a submitted payout and the warnings accepted for it', () => {
    expect(
      say('payout.submitted', {
        requestId: 'r',
        currency: 'TRX',
        amount: '7',
        address: TRON,
        acceptedRisks: ['ADDRESS_IS_CONTRACT'],
      }),
    ).toBe(
      'Payout of 7 TRX (Tron) to TR7NHq…jLj6t confirmed and sent to Calypso; warnings accepted: ADDRESS_IS_CONTRACT',
    );
  });

  it('says state changes, draft submissions and row edits in words', () => {
    expect(
      say('payout.state-changed', {
        kind: 'single',
        id: '9',
        from: 'CONFIRMED',
        to: 'IN_PROGRESS',
      }),
    ).toBe('Payout 9: confirmed → in progress');
    expect(
      say('draft.submitted', {
        batches: [
          { currency: 'TRX', total: '100', rows: 3 },
          { currency: 'BTC', total: '0.5', rows: 1 },
        ],
      }),
    ).toBe('Draft submitted: 2 mass payouts, 4 rows: 100 TRX (Tron), 0.5 BTC (Bitcoin)');
    expect(
      say('draft.row-edited', {
        rowNo: 4,
        line: 6,
        before: { address: 'a', amount: '1', currency: 'TRX', comment: null },
        after: { address: 'a', amount: '2', currency: 'TRX', comment: 'bonus' },
      }),
    ).toBe('Row 4 (file line 6) edited: amount “1” → “2”, comment nothing → “bonus”');
  });

  it('says address book changes per address', () => {
    expect(
      say('address-book.updated', {
        source: 'import',
        changes: [
          {
            network: 'tron',
            address: TRON,
            before: null,
            after: { label: 'Anna', notes: null, trusted: true },
          },
        ],
      }),
    ).toBe('1 address changed (from import): TR7NHq…jLj6t labelled “Anna”, trusted');
  });

  it('names a removed profile from its entry, or by id when the entry has no name', () => {
    expect(say('profile.removed', { profileId: 'gone', name: 'Old account' })).toBe(
      'Profile “Old account” removed',
    );
    expect(say('profile.removed', { profileId: 'gone' })).toBe('Profile gone (removed) removed');
    expect(say('profile.removed', { profileId: 'p1' })).toBe('Profile Acme treasury removed');
  });

  it('lists the fields of an action it has no sentence for, without JSON', () => {
    const words = say('future.thing', { count: 3, ok: true, items: [1, 2], nested: { a: 1 } });
    expect(words).toBe('count: 3; ok: true; items: 2 items; nested: 1 field');
    expect(words).not.toMatch(/[{}"]/);
    expect(say('future.thing', {})).toBe('No details');
  });

  it('has a sentence for every labelled action, whatever its detail holds', () => {
    for (const action of Object.keys(AUDIT_ACTION_LABELS)) {
      const words = say(action, {});
      expect(words, action).not.toMatch(/undefined|\[object|NaN/);
      expect(words.length, action).toBeGreaterThan(0);
      expect(auditActionLabel(action)).not.toBe(action);
    }
    expect(auditActionLabel('future.thing')).toBe('future.thing');
  });
});
