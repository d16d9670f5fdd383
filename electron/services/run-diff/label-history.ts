/**
 * The address book's labels as they were at a point in time (docs/run-diff.md). The book
 * keeps only today's label, but every change of one is an `address-book.updated` audit
 * entry with the label before and after (docs/address-book.md), so a label "then" is
 * today's label with every later change undone, newest first. Nothing is stored twice, and
 * it holds for drafts submitted before this feature existed.
 */
import { addressKey } from '../../../shared/import/address-key';
import { findCurrency } from '../../../shared/networks';
import { createAddressBookRepo } from '../address-book/address-book-repo';
import type { CacheDatabase } from '../db';

/** Where in the audit log a run stands: after entry `afterId`, or at time `atMs`. */
export type LabelPoint = { afterId: number } | { atMs: number } | 'now';

/** A run's label for a row: by the currency's network and the address key. */
export type LabelsOf = (currency: string, address: string) => string | null;

type Change = { network?: unknown; address?: unknown; before?: unknown };

function bookKey(network: string, address: string): string {
  return `${network}:${addressKey(address)}`;
}

function labelBefore(change: Change): string | null {
  const before = change.before;
  if (typeof before !== 'object' || before === null) return null;
  const label = (before as { label?: unknown }).label;
  return typeof label === 'string' ? label : null;
}

export function createLabelHistory(db: CacheDatabase) {
  const book = createAddressBookRepo(db);
  const changesAfterId = db.sqlite.prepare<[string, number], { detail_json: string }>(
    `SELECT detail_json FROM audit_log
      WHERE profile_id = ? AND id > ? AND action = 'address-book.updated' ORDER BY id DESC`,
  );
  const changesAfterMs = db.sqlite.prepare<[string, number], { detail_json: string }>(
    `SELECT detail_json FROM audit_log
      WHERE profile_id = ? AND at_ms > ? AND action = 'address-book.updated' ORDER BY id DESC`,
  );
  // One pass over the profile's entries (index audit_log_by_profile) for all its drafts.
  const submittedEntries = db.sqlite.prepare<
    [string],
    { id: number; at_ms: number; draft_id: unknown }
  >(
    `SELECT id, at_ms, json_extract(detail_json, '$.draftId') AS draft_id FROM audit_log
      WHERE profile_id = ? AND action = 'draft.submitted' ORDER BY id`,
  );

  return {
    /**
     * Per draft of the profile, its `draft.submitted` entry: where in the log its batches
     * were fixed, and when (a draft is submitted once; the last entry wins if not).
     */
    submittedEntries(profileId: string): Map<string, { id: number; atMs: number }> {
      const found = new Map<string, { id: number; atMs: number }>();
      for (const entry of submittedEntries.iterate(profileId)) {
        if (typeof entry.draft_id === 'string') {
          found.set(entry.draft_id, { id: entry.id, atMs: entry.at_ms });
        }
      }
      return found;
    },

    labelsAt(profileId: string, point: LabelPoint): LabelsOf {
      const labels = new Map<string, string | null>();
      for (const decision of book.decisions(profileId)) {
        labels.set(`${decision.network}:${decision.address_key}`, decision.label);
      }
      if (point !== 'now') {
        const later =
          'afterId' in point
            ? changesAfterId.iterate(profileId, point.afterId)
            : changesAfterMs.iterate(profileId, point.atMs);
        for (const { detail_json } of later) {
          const detail = JSON.parse(detail_json) as { changes?: unknown };
          const changes = Array.isArray(detail.changes) ? (detail.changes as Change[]) : [];
          for (const change of changes) {
            if (typeof change.network !== 'string' || typeof change.address !== 'string') continue;
            labels.set(bookKey(change.network, change.address), labelBefore(change));
          }
        }
      }
      return (currency, address) => {
        const network = findCurrency(currency.trim().toUpperCase())?.network;
        if (network === undefined) return null;
        return labels.get(bookKey(network, address)) ?? null;
      };
    },
  };
}

export type LabelHistory = ReturnType<typeof createLabelHistory>;
