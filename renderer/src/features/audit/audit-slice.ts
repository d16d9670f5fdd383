/**
 * The local audit log: one filtered page of the newest entries, the chain check, and the CSV
 * export. Filters are applied in main (listAudit), so a long log never crosses the bridge
 * whole; a reply to an older filter that arrives late is dropped.
 */
import type {
  AuditEntry,
  AuditVerification,
  DeskArgument,
  DeskError,
} from '../../../../shared/ipc';
import { localDateToMs } from '../../lib/format';
import { auditService } from '../../services/desk-service';
import type { SliceCreator } from '../../stores/types';

/** What the filter bar holds: '' means "any"; dates are `<input type="date">` values. */
export type AuditFilters = { profileId: string; action: string; fromDate: string; toDate: string };

export const NO_AUDIT_FILTERS: AuditFilters = {
  profileId: '',
  action: '',
  fromDate: '',
  toDate: '',
};

const PAGE_SIZE = 500;

export const AUDIT_RANGE_REVERSED =
  'The “To” date is before the “From” date: choose a “To” date on or after it.';

export type AuditSlice = {
  auditEntries: AuditEntry[];
  auditLoading: boolean;
  auditError: DeskError | null;
  auditVerification: AuditVerification | null;
  auditFilters: AuditFilters;
  loadAudit: () => Promise<void>;
  setAuditFilters: (patch: Partial<AuditFilters>) => Promise<void>;
  verifyAudit: () => Promise<void>;
  exportAudit: () => Promise<{ fileName: string; csv: string } | null>;
};

/** The filter bar as a listAudit argument; the "to" day is included whole. */
export function auditQueryOf(filters: AuditFilters): DeskArgument<'listAudit'> {
  const fromMs = localDateToMs(filters.fromDate, false);
  const lastMs = localDateToMs(filters.toDate, true);
  return {
    limit: PAGE_SIZE,
    ...(filters.profileId !== '' && { profileId: filters.profileId }),
    ...(filters.action !== '' && { actions: [filters.action] }),
    ...(fromMs !== undefined && { fromMs }),
    ...(lastMs !== undefined && { toMs: lastMs + 1 }),
  };
}

let latestLoad = 0;

export const createAuditSlice: SliceCreator<AuditSlice> = (set, get) => ({
  auditEntries: [],
  auditLoading: false,
  auditError: null,
  auditVerification: null,
  auditFilters: NO_AUDIT_FILTERS,
  loadAudit: async () => {
    latestLoad += 1;
    const load = latestLoad;
    const query = auditQueryOf(get().auditFilters);
    if (query.fromMs !== undefined && query.toMs !== undefined && query.fromMs >= query.toMs) {
      set({
        auditEntries: [],
        auditLoading: false,
        auditError: { code: 'VALIDATION', message: AUDIT_RANGE_REVERSED },
      });
      return;
    }
    set({ auditLoading: true, auditError: null });
    const result = await auditService.list(query);
    if (load !== latestLoad) return;
    set(
      result.ok
        ? { auditEntries: result.value, auditLoading: false }
        : { auditError: result.error, auditLoading: false },
    );
  },
  setAuditFilters: async (patch) => {
    set({ auditFilters: { ...get().auditFilters, ...patch } });
    await get().loadAudit();
  },
  verifyAudit: async () => {
    const result = await auditService.verify();
    set(result.ok ? { auditVerification: result.value } : { auditError: result.error });
  },
  exportAudit: async () => {
    const result = await auditService.export();
    if (!result.ok) {
      set({ auditError: result.error });
      return null;
    }
    return result.value;
  },
});
