/**
 * What happened to the records before the window opened: the local database was damaged and
 * restored from a backup (where the damaged file is kept, which backup is in use), or the
 * audit log cannot be sealed in this session. Asked for once; the person dismisses it.
 */
import { useEffect, useState } from 'react';
import type { StartupNotice } from '../../../shared/ipc';
import { formatDateTime } from '../lib/format';
import { recordsService } from '../services/desk-service';

export function StartupNoticeBanner() {
  const [notices, setNotices] = useState<StartupNotice[]>([]);

  useEffect(() => {
    let current = true;
    void recordsService.startupNotices().then((result) => {
      if (current && result.ok) setNotices(result.value);
    });
    return () => {
      current = false;
    };
  }, []);

  if (notices.length === 0) return null;
  return (
    <div className="banner banner-notice" role="alert" aria-label="Startup notice">
      {notices.map((notice, index) => (
        <div key={`${notice.kind}-${String(index)}`}>
          <strong>
            {notice.kind === 'database-restored'
              ? 'The local database was damaged.'
              : 'The audit log is not sealed in this session.'}
          </strong>{' '}
          {notice.message}
          {notice.kind === 'database-restored' && (
            <dl className="notice-facts">
              <dt>Damaged file (kept)</dt>
              <dd className="mono">{notice.damagedFile}</dd>
              <dt>Restored backup</dt>
              <dd className="mono">
                {notice.restoredFrom === null
                  ? 'none: no sound backup was found'
                  : `${notice.restoredFrom} (${formatDateTime(notice.backupAtMs)})`}
              </dd>
            </dl>
          )}
        </div>
      ))}
      <button
        type="button"
        onClick={() => {
          setNotices([]);
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
