/**
 * The audit log in words: a label per action and one sentence per entry, from the entry's
 * own detail (e.g. "Payout of 12.5 USDT_TRX (Tron) to TR7NHq…jLj6t cancelled: paid by wire").
 * The detail is whatever the writing version stored, so every field is read defensively:
 * an entry written before a field existed still gets a sentence, just a shorter one, and an
 * action this build does not know is listed field by field. Profile names come from the
 * caller (`nameOf`), which knows the profiles that exist now.
 */
import type { AuditEntry } from './ipc';
import { findCurrency, NETWORKS } from './networks';
import { rowCountOf, rowRangesText, toRowRanges, type RowRange } from './row-ranges';

/** What `profile.updated` records per field: the key and the secret never with a value. */
export type ProfileChange =
  { field: 'name'; from: string; to: string } | { field: 'key' | 'secret' };

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'profile.added': 'Profile added',
  'profile.updated': 'Profile changed',
  'profile.removed': 'Profile removed',
  'payout.submitted': 'Payout confirmed',
  'payout.cancelled': 'Payout cancelled',
  'payout.state-changed': 'Payout state changed',
  'intent.cancelled': 'Unsent payout cancelled',
  'draft.imported': 'Draft imported',
  'draft.repeated': 'Draft repeated',
  'draft.retry-created': 'Retry draft created',
  'draft.row-edited': 'Draft row edited',
  'draft.rows-deleted': 'Draft rows deleted',
  'draft.rows-restored': 'Draft rows restored',
  'draft.risk-accepted': 'Warning accepted',
  'draft.submitted': 'Draft submitted',
  'draft.held-rows-submitted': 'Held rows submitted',
  'draft.submit-refused': 'Draft submission refused',
  'draft.test-payment-started': 'Test payment sent',
  'test-payment.amount-set': 'Test payment amount set',
  'address-book.updated': 'Address book changed',
  'approval.policy-changed': 'Approval policy changed',
  'approval.key-created': 'Approver key created',
  'approval.requested': 'Approval requested',
  'approval.signed': 'Approval signed',
  'approval.added': 'Approval added',
  'approval.refused': 'Approval refused',
  'audit.keyed': 'Audit log sealed',
  'audit.outbox-recorded': 'Unsent payments recorded',
  'database.restored': 'Local history restored',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

type Detail = Readonly<Record<string, unknown>>;

function text(detail: Detail, name: string): string | null {
  const value = detail[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

function count(detail: Detail, name: string): number | null {
  const value = detail[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function list(detail: Detail, name: string): unknown[] {
  const value = detail[name];
  return Array.isArray(value) ? value : [];
}

/** The rows of a delete or restore: runs (`rowRanges`), or the numbers older entries list. */
function rowRangesOf(detail: Detail): RowRange[] {
  const runs = list(detail, 'rowRanges').flatMap((run): RowRange[] =>
    Array.isArray(run) &&
    run.length === 2 &&
    Number.isInteger(run[0]) &&
    Number.isInteger(run[1]) &&
    (run[0] as number) <= (run[1] as number)
      ? [[run[0] as number, run[1] as number]]
      : [],
  );
  if (runs.length > 0) return runs;
  return toRowRanges(list(detail, 'rowNos').filter((n): n is number => Number.isInteger(n)));
}

function record(value: unknown): Detail {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Detail)
    : {};
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "TR7NHq…jLj6t": enough to recognise, short enough for a sentence. */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-5)}` : address;
}

function shortRef(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** "12.5 USDT_TRX (Tron)"; the amount alone when the currency is unknown to this build. */
function money(amount: string | null, currency: string | null): string | null {
  if (amount === null) return null;
  if (currency === null) return amount;
  const known = findCurrency(currency);
  return known
    ? `${amount} ${currency} (${NETWORKS[known.network].label})`
    : `${amount} ${currency}`;
}

function quoted(value: string): string {
  return `“${value}”`;
}

const STATE_WORDS: Readonly<Record<string, string>> = {
  CREATION_IN_PROGRESS: 'being created',
  PENDING_CONFIRMATION: 'awaiting confirmation',
  CONFIRMED: 'confirmed',
  IN_PROGRESS: 'in progress',
  COMPLETED: 'completed',
  FAILED: 'failed',
  PARTIAL: 'partly completed',
  CANCELED: 'cancelled',
};

function stateWord(state: string | null): string {
  return state === null ? 'unknown' : (STATE_WORDS[state] ?? state.toLowerCase());
}

function kindWord(detail: Detail): string {
  return text(detail, 'kind') === 'mass' ? 'Mass payout' : 'Payout';
}

/** "Payout of 12.5 TRX (Tron) to TXyz12…AbCd9", with whatever parts the entry has. */
function payoutPhrase(detail: Detail, addressField: string): string {
  const parts = [kindWord(detail)];
  const id = text(detail, 'id');
  if (id !== null) parts.push(id);
  const amount = money(text(detail, 'amount'), text(detail, 'currency'));
  if (amount !== null) parts.push(`of ${amount}`);
  const address = text(detail, addressField);
  if (address !== null) parts.push(`to ${shortAddress(address)}`);
  return parts.join(' ');
}

function profileChanges(detail: Detail): string {
  const changes = list(detail, 'changes').map(record);
  if (!Array.isArray(detail.changes)) {
    // Written before the change list existed: only whether credentials were replaced.
    return detail.credentialsChanged === true
      ? 'API key or secret replaced (this entry predates the record of each change)'
      : 'Saved (this entry predates the record of each change)';
  }
  if (changes.length === 0) return 'Saved with no change';
  return changes
    .map((change) => {
      const field = text(change, 'field');
      if (field === 'name') {
        return `Name changed from ${quoted(text(change, 'from') ?? '')} to ${quoted(text(change, 'to') ?? '')}`;
      }
      if (field === 'key') return 'API key replaced';
      if (field === 'secret') return 'API secret replaced';
      return `${field ?? 'a field'} changed`;
    })
    .join('; ');
}

function rowEdits(detail: Detail): string {
  const before = record(detail.before);
  const after = record(detail.after);
  const edits = ['address', 'amount', 'currency', 'comment'].flatMap((field) => {
    const was = before[field];
    const now = after[field];
    if (was === now) return [];
    const show = (value: unknown) =>
      typeof value === 'string' && value !== '' ? quoted(value) : 'nothing';
    return [`${field} ${show(was)} → ${show(now)}`];
  });
  return edits.length === 0 ? 'no field changed' : edits.join(', ');
}

function rowRef(detail: Detail): string {
  const row = count(detail, 'rowNo');
  const line = count(detail, 'line');
  const base = row === null ? 'A row' : `Row ${String(row)}`;
  return line === null ? base : `${base} (file line ${String(line)})`;
}

function batchesPhrase(detail: Detail): string {
  const batches = list(detail, 'batches').map(record);
  const rows = batches.reduce((sum, batch) => sum + (count(batch, 'rows') ?? 0), 0);
  const totals = batches
    .map((batch) => money(text(batch, 'total'), text(batch, 'currency')))
    .filter((entry): entry is string => entry !== null);
  return `${plural(batches.length, 'mass payout')}, ${plural(rows, 'row')}${totals.length > 0 ? `: ${totals.join(', ')}` : ''}`;
}

function addressBookChanges(detail: Detail): string {
  const changes = list(detail, 'changes').map(record);
  const source = text(detail, 'source');
  const shown = changes.slice(0, 3).map((change) => {
    const address = shortAddress(text(change, 'address') ?? '');
    const before = record(change.before);
    const after = record(change.after);
    const label = text(after, 'label');
    const parts: string[] = [];
    if (text(before, 'label') !== label)
      parts.push(label === null ? 'label removed' : `labelled ${quoted(label)}`);
    if ((before.trusted === true) !== (after.trusted === true)) {
      parts.push(after.trusted === true ? 'trusted' : 'no longer trusted');
    }
    if (text(before, 'notes') !== text(after, 'notes')) parts.push('notes changed');
    return `${address} ${parts.join(', ') || 'changed'}`;
  });
  const more =
    changes.length > 3
      ? ` and ${plural(changes.length - 3, 'more address', 'more addresses')}`
      : '';
  const what = `${plural(changes.length, 'address', 'addresses')} changed`;
  const from = source === null ? '' : ` (from ${source})`;
  return shown.length === 0 ? `${what}${from}` : `${what}${from}: ${shown.join('; ')}${more}`;
}

const ENVIRONMENT_WORDS: Readonly<Record<string, string>> = {
  production: 'Calypso production',
  custom: 'custom server',
  simulator: 'built-in simulator',
};

type Describe = (detail: Detail, nameOf: (profileId: string) => string) => string;

const DESCRIBE: Readonly<Record<string, Describe>> = {
  'profile.added': (d) =>
    `Profile ${quoted(text(d, 'name') ?? '')} added (${ENVIRONMENT_WORDS[text(d, 'environment') ?? ''] ?? text(d, 'environment') ?? 'unknown server'})`,
  'profile.updated': (d) => profileChanges(d),
  'profile.removed': (d, nameOf) => {
    const id = text(d, 'profileId');
    const name = text(d, 'name');
    return `Profile ${name === null ? (id === null ? '' : nameOf(id)) : quoted(name)} removed`;
  },
  'payout.submitted': (d) => {
    const accepted = list(d, 'acceptedRisks').filter((code) => typeof code === 'string');
    const risks = accepted.length > 0 ? `; warnings accepted: ${accepted.join(', ')}` : '';
    return `${payoutPhrase(d, 'address')} confirmed and sent to Calypso${risks}`;
  },
  'payout.cancelled': (d) => {
    const message = text(d, 'message');
    return `${payoutPhrase(d, 'address')} cancelled${message === null ? '' : `: ${quoted(message)}`}`;
  },
  'payout.state-changed': (d) =>
    `${kindWord(d)} ${text(d, 'id') ?? ''}: ${stateWord(text(d, 'from'))} → ${stateWord(text(d, 'to'))}`,
  'intent.cancelled': (d) =>
    `${text(d, 'kind') === 'mass' ? 'Unsent mass payout' : 'Unsent payout'} (request ${shortRef(text(d, 'requestId') ?? '')}) cancelled before it reached Calypso`,
  'draft.imported': (d) => {
    const file = text(d, 'sourceFile');
    const rows = count(d, 'rows');
    return `Draft imported${file === null ? '' : ` from ${quoted(file)}`}${rows === null ? '' : `: ${plural(rows, 'row')}`}`;
  },
  'draft.repeated': (d) =>
    `New draft from an earlier run (draft ${shortRef(text(d, 'originDraftId') ?? '')})${count(d, 'rows') === null ? '' : `: ${plural(count(d, 'rows') ?? 0, 'row')}`}`,
  'draft.retry-created': (d) =>
    `Retry draft for ${plural(list(d, 'originRowNos').length, 'failed row')} of draft ${shortRef(text(d, 'originDraftId') ?? '')}`,
  'draft.row-edited': (d) => `${rowRef(d)} edited: ${rowEdits(d)}`,
  'draft.rows-deleted': (d) => {
    const ranges = rowRangesOf(d);
    const rows = rowCountOf(ranges);
    return `${plural(rows, 'row')} deleted from the draft${rows > 0 ? `: ${rowRangesText(ranges)}` : ''}`;
  },
  'draft.rows-restored': (d) => {
    const ranges = rowRangesOf(d);
    const rows = rowCountOf(ranges);
    return `${plural(rows, 'deleted row')} put back in the draft${rows > 0 ? `: ${rowRangesText(ranges)}` : ''}`;
  },
  'draft.risk-accepted': (d) =>
    `${rowRef(d)}: warning accepted for ${shortAddress(text(d, 'address') ?? '')}${text(d, 'warning') === null ? '' : `: ${text(d, 'warning') ?? ''}`}`,
  'draft.submitted': (d) => `Draft submitted: ${batchesPhrase(d)}`,
  'draft.held-rows-submitted': (d) => `Held rows submitted: ${batchesPhrase(d)}`,
  'draft.submit-refused': (d) =>
    `Submission refused: ${text(d, 'message') ?? text(d, 'reason') ?? ''}`,
  'draft.test-payment-started': (d) =>
    `Test payment of ${money(text(d, 'amount'), text(d, 'currency')) ?? ''} to ${shortAddress(text(d, 'address') ?? '')}${text(d, 'replacesRequestId') === null ? '' : ' (replacing an earlier one)'}`,
  'test-payment.amount-set': (d) =>
    `Test payment amount for ${text(d, 'currency') ?? ''} set to ${text(d, 'amount') ?? ''}`,
  'address-book.updated': (d) => addressBookChanges(d),
  'approval.policy-changed': (d) => {
    const policy = d.policy === null ? null : record(d.policy);
    if (policy === null) return 'Approval policy removed: drafts need no approval';
    const approvers = list(policy, 'approvers').map((a) => text(record(a), 'name') ?? '?');
    const required = count(policy, 'required') ?? 0;
    return `Approval policy: ${String(required)} of ${plural(approvers.length, 'approver')} (${approvers.join(', ')})`;
  },
  'approval.key-created': (d) =>
    `Approver key ${quoted(text(d, 'name') ?? '')} created on this desk`,
  'approval.requested': (d) => `Approval requested by ${text(d, 'preparer') ?? 'someone'}`,
  'approval.signed': (d) => `Approval signed by ${text(d, 'approver') ?? 'someone'} on this desk`,
  'approval.added': (d) =>
    `Approval by ${text(d, 'approver') ?? 'someone'} added${text(d, 'via') === null ? '' : ` (${text(d, 'via') ?? ''})`}`,
  'approval.refused': (d) => `Approval refused: ${text(d, 'message') ?? text(d, 'reason') ?? ''}`,
  'audit.keyed': (d) => {
    const covered = count(d, 'coveredEntries') ?? 0;
    return `Audit log sealed with this installation's key, covering the ${plural(covered, 'earlier entry', 'earlier entries')}${d.keyCreated === true ? ' (key created now)' : ''}`;
  },
  'audit.outbox-recorded': (d) =>
    `${plural(list(d, 'intents').length, 'payment instruction')} confirmed before this version recorded in the log`,
  'database.restored': (d) => {
    const from = text(d, 'restoredFrom');
    return `Local history restored ${from === null ? 'empty (no usable backup)' : `from backup ${quoted(from)}`} after it could not be read (${text(d, 'cause') ?? 'damaged'}); the damaged file was kept as ${quoted(text(d, 'damagedFile') ?? '?')}`;
  },
};

function plainValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return plural(value.length, 'item');
  return plural(Object.keys(value).length, 'field');
}

/** An action this build has no sentence for: its fields, one "name: value" each. */
function fieldsInWords(detail: Detail): string {
  const entries = Object.entries(detail);
  return entries.length === 0
    ? 'No details'
    : entries.map(([name, value]) => `${name}: ${plainValue(value)}`).join('; ');
}

/** One sentence for an entry, from its action and detail. */
export function describeAuditEntry(
  entry: Pick<AuditEntry, 'action' | 'detail'>,
  nameOf: (profileId: string) => string,
): string {
  const describe = DESCRIBE[entry.action];
  return describe ? describe(entry.detail, nameOf) : fieldsInWords(entry.detail);
}
