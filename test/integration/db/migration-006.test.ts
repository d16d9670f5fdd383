import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, createDraftsRepo, openDatabase } from '../../../electron/services/db';
import { MIGRATIONS } from '../../../electron/services/db/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m006-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 006: draft lineage and the submitted fingerprint', () => {
  it('links retry drafts made before it to their origin rows, once per row, then enforces one retry per row', () => {
    const file = join(dir, 'cache.sqlite');
    const sqlite = new Database(file);
    applyMigrations(sqlite, MIGRATIONS.slice(0, 5));
    sqlite.exec(`
      INSERT INTO profiles (id, name, environment, base_url, account, created_at)
        VALUES ('p', 'P', 'simulator', 'http://127.0.0.1:1', 'acc', 1);
      INSERT INTO drafts (id, profile_id, name, decimal_separator, parent_draft_id, state,
          created_ms, updated_ms)
        VALUES ('orig', 'p', 'Original', '.', NULL, 'submitted', 1, 1),
               ('retry-1', 'p', 'Retry', '.', 'orig', 'submitted', 2, 2),
               ('retry-2', 'p', 'Retry', '.', 'orig', 'editing', 3, 3);
      INSERT INTO draft_rows (draft_id, row_no, line, address, amount, currency, comment,
          verdict, problems_json)
        VALUES ('orig', 1, 2, 'A', '1', 'TRX', '', 'ok', '[]'),
               ('orig', 2, 3, 'B', '2', 'TRX', '', 'ok', '[]'),
               ('retry-1', 1, 3, 'B', '2', 'TRX', '', 'ok', '[]'),
               ('retry-2', 1, 3, 'B', '2', 'TRX', '', 'ok', '[]');
    `);
    sqlite.close();

    const db = openDatabase(file);
    expect(db.schemaVersion).toBeGreaterThanOrEqual(6);
    const drafts = createDraftsRepo(db);
    // The oldest retry holds row 2; the later duplicate retry (the old bug) is left unlinked.
    expect(drafts.retriedRowNos('orig')).toEqual([2]);
    expect(drafts.retryDraftOfRow('orig', 2)).toBe('retry-1');
    expect(drafts.summary('orig')?.retries.map((retry) => retry.id)).toEqual([
      'retry-2',
      'retry-1',
    ]);
    expect(drafts.submittedFingerprint('orig')).toBeNull();
    drafts.setSubmittedFingerprint('orig', 'f'.repeat(64));
    expect(drafts.submittedFingerprint('orig')).toBe('f'.repeat(64));
    // A second retry of row 2 cannot be stored, whichever process tries.
    expect(() => {
      drafts.create(
        {
          id: 'retry-3',
          profileId: 'p',
          name: 'Retry',
          sourceFile: null,
          encoding: null,
          delimiter: null,
          decimalSeparator: '.',
          mapping: undefined,
          parentDraftId: 'orig',
          atMs: 4,
        },
        [
          {
            line: 3,
            address: 'B',
            amount: '2',
            currency: 'TRX',
            comment: '',
            name: '',
            extra: [],
            verdict: 'ok',
            problems: [],
            origin: { draftId: 'orig', rowNo: 2 },
          },
        ],
      );
    }).toThrow(/UNIQUE/);
    expect(drafts.summary('retry-3')).toBeUndefined();
    db.close();
  });
});
