/**
 * The address book of a profile (docs/address-book.md): entries merged from the synced
 * history and the person's decisions, edits with a sentence for every refusal, and a CSV
 * export and import. The risk checks read `paidAddresses` from here.
 */
import { checkAddress } from '../../../shared/address';
import { PaidAddresses, type PaidAddress } from '../../../shared/address-risk';
import { ADDRESS_BOOK_COLUMNS, type AddressBookEntry } from '../../../shared/address-book';
import { addressKey } from '../../../shared/import/address-key';
import { cleanAddress } from '../../../shared/import/invisible';
import { detectDelimiter } from '../../../shared/import/delimiter';
import { normalizeLineBreaks, parseRecords } from '../../../shared/import/records';
import { addDecimals, type DecimalString } from '../../../shared/money';
import { findCurrency, NETWORKS, type NetworkId } from '../../../shared/networks';
import type { AuditLog, CacheDatabase } from '../db';
import { isFormulaLike, writeCsv } from '../export/csv';
import { DeskFailure } from '../ipc/desk-failure';
import { createAddressBookRepo, type AddressDecision } from './address-book-repo';

/** A comment seen on at least this many payments to one address is offered as its label. */
const SUGGEST_AFTER = 2;
/** The limits schema 9 enforces, checked first so a person reads a sentence. */
export const LABEL_LIMIT = 200;
export const NOTES_LIMIT = 2000;

type Tally = {
  network: NetworkId;
  address: string;
  timesPaid: number;
  firstPaidMs: number;
  lastPaidMs: number;
  totals: Map<string, DecimalString>;
  comments: Map<string, { count: number; lastMs: number }>;
};

export type AddressBookEdit = {
  network: NetworkId;
  address: string;
  label?: string | null;
  notes?: string | null;
  trusted?: boolean;
};

export type AddressBookQuery = {
  search?: string;
  network?: NetworkId;
  offset?: number;
  limit?: number;
};

export type AddressBookImport = {
  imported: number;
  /** One sentence per line that was not taken, naming the line and the field. */
  refused: { line: number; message: string }[];
};

function isNetworkId(value: string): value is NetworkId {
  return Object.hasOwn(NETWORKS, value);
}

function bookKey(network: string, key: string): string {
  return `${network}:${key}`;
}

/**
 * The label offered for an address: the name a submitted draft's name column gave it most
 * often (latest on a tie), else a comment that recurs on its payments.
 */
function suggestionOf(
  tally: Tally | undefined,
  names: Map<string, Seen> | undefined,
): string | null {
  return mostSeen(names, 1) ?? mostSeen(tally?.comments, SUGGEST_AFTER);
}

type Seen = { count: number; lastMs: number };

function mostSeen(seenBy: Map<string, Seen> | undefined, atLeast: number): string | null {
  let best: { text: string; count: number; lastMs: number } | null = null;
  for (const [text, seen] of seenBy ?? []) {
    if (seen.count < atLeast) continue;
    if (
      !best ||
      seen.count > best.count ||
      (seen.count === best.count && seen.lastMs > best.lastMs)
    ) {
      best = { text, ...seen };
    }
  }
  return best?.text ?? null;
}

/** A cell as the person typed it: the export's leading apostrophe (csv.ts) taken off again. */
function unneutralised(cell: string): string {
  return cell.startsWith("'") && isFormulaLike(cell.slice(1)) ? cell.slice(1) : cell;
}

function emptyToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed.length === 0 ? null : trimmed;
}

export function createAddressBook(deps: {
  db: CacheDatabase;
  now: () => number;
  /** Labels and trust decide who gets paid: every change is in the audit log. */
  audit: Pick<AuditLog, 'append'>;
}) {
  const repo = createAddressBookRepo(deps.db);
  const paidCache = new Map<string, PaidAddresses>();
  /** Labels per profile, by network and address key: every place an address shows asks. */
  const labelCache = new Map<string, Map<string, string>>();

  /** What the history says, per network and address key. */
  function tallies(profileId: string, only?: string): Map<string, Tally> {
    const found = new Map<string, Tally>();
    for (const paid of repo.paid(profileId)) {
      const network = findCurrency(paid.currency)?.network;
      if (network === undefined) continue;
      const key = bookKey(network, addressKey(paid.address));
      // One entry asked for (an edit's answer): the others are not summed at all.
      if (only !== undefined && key !== only) continue;
      let tally = found.get(key);
      if (!tally) {
        tally = {
          network,
          address: paid.address,
          timesPaid: 0,
          firstPaidMs: paid.at_ms,
          lastPaidMs: paid.at_ms,
          totals: new Map(),
          comments: new Map(),
        };
        found.set(key, tally);
      }
      tally.timesPaid += 1;
      tally.firstPaidMs = Math.min(tally.firstPaidMs, paid.at_ms);
      tally.lastPaidMs = Math.max(tally.lastPaidMs, paid.at_ms);
      tally.totals.set(
        paid.currency,
        addDecimals(tally.totals.get(paid.currency) ?? '0', paid.amount),
      );
      const comment = paid.comment?.trim();
      if (comment) {
        const seen = tally.comments.get(comment) ?? { count: 0, lastMs: 0 };
        tally.comments.set(comment, {
          count: seen.count + 1,
          lastMs: Math.max(seen.lastMs, paid.at_ms),
        });
      }
    }
    return found;
  }

  /** Names the name columns of submitted drafts gave, per network and address key. */
  function recipientNames(profileId: string, only?: string): Map<string, Map<string, Seen>> {
    const found = new Map<string, Map<string, Seen>>();
    for (const row of repo.recipientNames(profileId)) {
      const network = findCurrency(row.currency)?.network;
      if (network === undefined) continue;
      const key = bookKey(network, addressKey(row.address));
      if (only !== undefined && key !== only) continue;
      const names = found.get(key) ?? new Map<string, Seen>();
      const name = row.name.trim();
      const seen = names.get(name) ?? { count: 0, lastMs: 0 };
      names.set(name, { count: seen.count + 1, lastMs: Math.max(seen.lastMs, row.at_ms) });
      found.set(key, names);
    }
    return found;
  }

  /** Every entry of the profile, or only the one of `only` (a bookKey). */
  function entries(profileId: string, only?: string): AddressBookEntry[] {
    const found = tallies(profileId, only);
    const names = recipientNames(profileId, only);
    const decided = new Map(
      repo
        .decisions(profileId)
        .map((row) => [bookKey(row.network, row.address_key), row] as const)
        .filter(([key]) => only === undefined || key === only),
    );
    const keys = new Set([...found.keys(), ...decided.keys()]);
    const all: AddressBookEntry[] = [];
    for (const key of keys) {
      const tally = found.get(key);
      const decision = decided.get(key);
      const network = tally?.network ?? decision?.network;
      if (network === undefined || !isNetworkId(network)) continue;
      all.push({
        network,
        address: decision?.address ?? tally?.address ?? '',
        label: decision?.label ?? null,
        suggestedLabel: suggestionOf(tally, names.get(key)),
        notes: decision?.notes ?? null,
        trusted: decision?.trusted === 1,
        timesPaid: tally?.timesPaid ?? 0,
        firstPaidMs: tally?.firstPaidMs ?? null,
        lastPaidMs: tally?.lastPaidMs ?? null,
        totals: [...(tally?.totals ?? [])]
          .map(([currency, total]) => ({ currency, total }))
          .sort((a, b) => a.currency.localeCompare(b.currency)),
      });
    }
    // Most recently paid first; entries never paid (added by hand) after, by label.
    return all.sort(
      (a, b) =>
        (b.lastPaidMs ?? -1) - (a.lastPaidMs ?? -1) ||
        (a.label ?? '').localeCompare(b.label ?? '') ||
        a.address.localeCompare(b.address),
    );
  }

  /** A valid address for the network, cleaned, or a sentence naming what is wrong. */
  function checkedAddress(network: NetworkId, raw: string): string {
    const { address } = cleanAddress(raw.trim());
    const check = checkAddress(address, network);
    if (!check.ok) throw new DeskFailure('VALIDATION', check.message);
    return address;
  }

  function decisionFor(profileId: string, edit: AddressBookEdit): AddressDecision {
    for (const [field, value, limit] of [
      ['label', edit.label, LABEL_LIMIT],
      ['notes', edit.notes, NOTES_LIMIT],
    ] as const) {
      if ((value?.trim().length ?? 0) > limit) {
        throw new DeskFailure(
          'VALIDATION',
          `The ${field} is longer than ${String(limit)} characters: shorten it.`,
        );
      }
    }
    const address = checkedAddress(edit.network, edit.address);
    const key = addressKey(address);
    const current = repo.decision(profileId, edit.network, key);
    return {
      network: edit.network,
      addressKey: key,
      address: current?.address ?? address,
      label: edit.label !== undefined ? emptyToNull(edit.label) : (current?.label ?? null),
      notes: edit.notes !== undefined ? emptyToNull(edit.notes) : (current?.notes ?? null),
      trusted: edit.trusted ?? current?.trusted === 1,
      atMs: deps.now(),
    };
  }

  /** Saves decisions with one audit entry naming each change (before and after). */
  function save(profileId: string, decisions: readonly AddressDecision[], source: string) {
    if (decisions.length === 0) return;
    deps.db.sqlite.transaction(() => {
      const changes = decisions.flatMap((decision) => {
        const stored = repo.decision(profileId, decision.network, decision.addressKey);
        const before = stored
          ? { label: stored.label, notes: stored.notes, trusted: stored.trusted === 1 }
          : null;
        const after = { label: decision.label, notes: decision.notes, trusted: decision.trusted };
        // No row yet means no label, no notes, not trusted: saying so again is no change.
        const was = before ?? { label: null, notes: null, trusted: false };
        const unchanged =
          was.label === after.label && was.notes === after.notes && was.trusted === after.trusted;
        return unchanged
          ? []
          : [{ network: decision.network, address: decision.address, before, after }];
      });
      // Nothing changed (a file imported twice): nothing to write or audit.
      if (changes.length === 0) return;
      repo.save(profileId, decisions);
      paidCache.delete(profileId);
      labelCache.delete(profileId);
      deps.audit.append({
        atMs: deps.now(),
        profileId,
        action: 'address-book.updated',
        detail: { source, changes },
      });
    })();
  }

  function findEntry(profileId: string, network: NetworkId, address: string) {
    return entries(profileId, bookKey(network, addressKey(address)))[0];
  }

  return {
    list(profileId: string, query: AddressBookQuery = {}) {
      const needle = query.search?.trim().toLowerCase() ?? '';
      const matching = entries(profileId).filter(
        (entry) =>
          (query.network === undefined || entry.network === query.network) &&
          (needle === '' ||
            [entry.address, entry.label, entry.suggestedLabel, entry.notes].some((text) =>
              text?.toLowerCase().includes(needle),
            )),
      );
      const offset = query.offset ?? 0;
      return {
        entries: matching.slice(offset, offset + (query.limit ?? 200)),
        total: matching.length,
        offset,
      };
    },

    update(profileId: string, edit: AddressBookEdit): AddressBookEntry {
      const decision = decisionFor(profileId, edit);
      save(profileId, [decision], 'edit');
      const entry = findEntry(profileId, edit.network, decision.address);
      if (!entry) throw new Error('an address book entry vanished after it was saved');
      return entry;
    },

    /**
     * Everything this account has paid before, for the risk checks. Kept per profile until
     * the history or the book changes in this process (`forget`); `fresh` reads it again,
     * as a confirmation does, since another process may have synced meanwhile.
     */
    paidAddresses(profileId: string, options: { fresh?: boolean } = {}): PaidAddresses {
      const cached = paidCache.get(profileId);
      if (cached && !options.fresh) return cached;
      const labels = new Map(
        repo.decisions(profileId).map((row) => [bookKey(row.network, row.address_key), row.label]),
      );
      const entries: PaidAddress[] = [];
      for (const paid of repo.paidAddresses(profileId)) {
        const network = findCurrency(paid.currency)?.network;
        if (network === undefined) continue;
        const label = labels.get(bookKey(network, addressKey(paid.address))) ?? null;
        entries.push({ network, address: paid.address, label });
      }
      const built = new PaidAddresses(entries);
      paidCache.set(profileId, built);
      return built;
    },

    /**
     * The label a person gave this address on this currency's network, or null: what
     * history, details, drafts and the reconciliation show beside the address.
     */
    labelOf(profileId: string, currency: string, address: string | null): string | null {
      const network = findCurrency(currency)?.network;
      if (network === undefined || address === null || address === '') return null;
      let labels = labelCache.get(profileId);
      if (!labels) {
        labels = new Map();
        for (const row of repo.decisions(profileId)) {
          if (row.label !== null) labels.set(bookKey(row.network, row.address_key), row.label);
        }
        labelCache.set(profileId, labels);
      }
      return labels.get(bookKey(network, addressKey(address))) ?? null;
    },

    /** Whether the person marked this address trusted (a test payment's release needs it). */
    isTrusted(profileId: string, network: NetworkId, address: string): boolean {
      return repo.decision(profileId, network, addressKey(address))?.trusted === 1;
    },

    /** The history of this profile changed (a sync stored new or changed payouts). */
    forget(profileId: string): void {
      paidCache.delete(profileId);
    },

    exportCsv(profileId: string) {
      const all = entries(profileId);
      const csv = writeCsv(
        ADDRESS_BOOK_COLUMNS,
        all.map((entry) => [
          entry.network,
          entry.address,
          entry.label ?? '',
          entry.notes ?? '',
          entry.trusted ? 'yes' : 'no',
        ]),
      );
      return { fileName: 'address-book.csv', csv, rowCount: all.length };
    },

    /**
     * Reads the export's columns (by header name, any order; Network and Address required).
     * A line with a problem is refused with a sentence; the others are saved together.
     */
    importCsv(profileId: string, text: string): AddressBookImport {
      const normalized = normalizeLineBreaks(text.replace(/^\uFEFF/, ''));
      const { records, unclosedQuoteLine } = parseRecords(normalized, detectDelimiter(normalized));
      if (unclosedQuoteLine !== null) {
        // The quote swallows every line after it: taking the rest would save wrong labels.
        throw new DeskFailure(
          'VALIDATION',
          `Line ${String(unclosedQuoteLine)} opens a quoted cell that never closes, so the lines after it cannot be read. Nothing was imported: fix the quote and import the file again.`,
        );
      }
      const [header, ...rows] = records;
      const names = (header?.cells ?? []).map((cell) => cell.trim().toLowerCase());
      const column = (name: (typeof ADDRESS_BOOK_COLUMNS)[number]) =>
        names.indexOf(name.toLowerCase());
      const at = {
        network: column('Network'),
        address: column('Address'),
        label: column('Label'),
        notes: column('Notes'),
        trusted: column('Trusted'),
      };
      if (at.network < 0 || at.address < 0) {
        throw new DeskFailure(
          'VALIDATION',
          'The address book file needs a header line with at least the columns "Network" and "Address".',
        );
      }
      const refused: AddressBookImport['refused'] = [];
      const decisions: AddressDecision[] = [];
      const lineOf = new Map<string, number>();
      for (const { line, cells } of rows) {
        const cell = (index: number) =>
          index < 0 ? undefined : unneutralised((cells[index] ?? '').trim());
        const network = cell(at.network)?.toLowerCase() ?? '';
        if (!isNetworkId(network)) {
          refused.push({
            line,
            message: `Line ${line}: the network "${network}" is not one of ${Object.keys(NETWORKS).join(', ')}.`,
          });
          continue;
        }
        const trustedCell = cell(at.trusted)?.toLowerCase();
        if (trustedCell !== undefined && !['', 'yes', 'no'].includes(trustedCell)) {
          refused.push({ line, message: `Line ${line}: "Trusted" must be yes or no.` });
          continue;
        }
        try {
          const decision = decisionFor(profileId, {
            network,
            address: cell(at.address) ?? '',
            ...(at.label >= 0 ? { label: cell(at.label) ?? null } : {}),
            ...(at.notes >= 0 ? { notes: cell(at.notes) ?? null } : {}),
            ...(trustedCell ? { trusted: trustedCell === 'yes' } : {}),
          });
          const key = bookKey(decision.network, decision.addressKey);
          const first = lineOf.get(key);
          if (first !== undefined) {
            refused.push({
              line,
              message: `Line ${line}: this address is already on line ${String(first)}; only line ${String(first)} was taken.`,
            });
            continue;
          }
          lineOf.set(key, line);
          decisions.push(decision);
        } catch (error) {
          if (!(error instanceof DeskFailure)) throw error;
          refused.push({ line, message: `Line ${line}: ${error.message}` });
        }
      }
      save(profileId, decisions, 'import');
      return { imported: decisions.length, refused };
    },
  };
}

export type AddressBook = ReturnType<typeof createAddressBook>;
