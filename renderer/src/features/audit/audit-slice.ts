/** The local audit log: the newest entries, the chain check, and the CSV export. */
import type { AuditEntry, AuditVerification, DeskError } from '../../../../shared/ipc';
import { auditService } from '../../services/desk-service';
import type { SliceCreator } from '../../stores/types';

export type AuditSlice = {
  auditEntries: AuditEntry[];
  auditLoading: boolean;
  auditError: DeskError | null;
  auditVerification: AuditVerification | null;
  loadAudit: () => Promise<void>;
  verifyAudit: () => Promise<void>;
  exportAudit: () => Promise<{ fileName: string; csv: string } | null>;
};

export const createAuditSlice: SliceCreator<AuditSlice> = (set) => ({
  auditEntries: [],
  auditLoading: false,
  auditError: null,
  auditVerification: null,
  loadAudit: async () => {
    set({ auditLoading: true, auditError: null });
    const result = await auditService.list(500);
    set(
      result.ok
        ? { auditEntries: result.value, auditLoading: false }
        : { auditError: result.error, auditLoading: false },
    );
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
