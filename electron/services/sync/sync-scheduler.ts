/**
 * Decides when each profile syncs: right away when asked, then again while anything is still
 * moving (sooner after a change, backing off while nothing changes), not at all once every
 * item is final. When Calypso cannot be reached the profile is marked offline and probed at
 * the slowest pace; `syncNow` (the UI calls it on reconnect) resumes at once. One pass per
 * profile at a time: a request during a pass is answered by that pass.
 */
import type { DeskError, SyncStatus } from '../../../shared/ipc';
import { toDeskError } from '../ipc/to-desk-error';
import type { SyncOutcome } from './history-sync';

export type SchedulerOptions = {
  runSync: (profileId: string) => Promise<SyncOutcome>;
  onOutcome?: (outcome: SyncOutcome) => void;
  onStatus?: (status: SyncStatus) => void;
  /** When the last successful pass of a profile ended (from the cache). */
  lastSyncedAt: (profileId: string) => number | null;
  now: () => number;
  minIntervalMs?: number;
  maxIntervalMs?: number;
};

type ProfileTimer = {
  status: SyncStatus;
  timer: ReturnType<typeof setTimeout> | undefined;
  intervalMs: number;
  running: Promise<SyncStatus> | undefined;
};

export function createSyncScheduler(options: SchedulerOptions) {
  const minIntervalMs = options.minIntervalMs ?? 3_000;
  const maxIntervalMs = options.maxIntervalMs ?? 60_000;
  const profiles = new Map<string, ProfileTimer>();
  let stopped = false;

  function entry(profileId: string): ProfileTimer {
    let found = profiles.get(profileId);
    if (!found) {
      found = {
        status: {
          profileId,
          state: 'idle',
          lastSyncedAtMs: options.lastSyncedAt(profileId),
          pendingCount: 0,
          lastError: null,
        },
        timer: undefined,
        intervalMs: minIntervalMs,
        running: undefined,
      };
      profiles.set(profileId, found);
    }
    return found;
  }

  function publish(target: ProfileTimer, patch: Partial<SyncStatus>): SyncStatus {
    target.status = { ...target.status, ...patch };
    options.onStatus?.(target.status);
    return target.status;
  }

  function schedule(target: ProfileTimer, profileId: string, delayMs: number) {
    clearTimeout(target.timer);
    if (stopped) return;
    target.timer = setTimeout(() => {
      target.timer = undefined;
      void syncNow(profileId);
    }, delayMs);
  }

  async function pass(target: ProfileTimer, profileId: string): Promise<SyncStatus> {
    publish(target, { state: 'syncing' });
    try {
      const outcome = await options.runSync(profileId);
      options.onOutcome?.(outcome);
      const changed = outcome.changes.length > 0 || outcome.newCount > 0;
      target.intervalMs = changed ? minIntervalMs : Math.min(target.intervalMs * 2, maxIntervalMs);
      if (outcome.pendingCount > 0) schedule(target, profileId, target.intervalMs);
      return publish(target, {
        state: 'idle',
        lastSyncedAtMs: options.now(),
        pendingCount: outcome.pendingCount,
        lastError: null,
      });
    } catch (error) {
      const deskError: DeskError = toDeskError(error);
      const offline = deskError.code === 'NO_NETWORK';
      // Offline: probe slowly. Any other failure is not fixed by retrying soon either.
      target.intervalMs = maxIntervalMs;
      schedule(target, profileId, maxIntervalMs);
      return publish(target, { state: offline ? 'offline' : 'error', lastError: deskError });
    }
  }

  function syncNow(profileId: string): Promise<SyncStatus> {
    const target = entry(profileId);
    if (target.running) return target.running;
    clearTimeout(target.timer);
    target.timer = undefined;
    target.intervalMs = minIntervalMs;
    target.running = pass(target, profileId).finally(() => {
      target.running = undefined;
    });
    return target.running;
  }

  return {
    syncNow,
    status: (profileId: string): SyncStatus => entry(profileId).status,
    /** Whether a pass or a timer is pending for the profile (tests and shutdown use it). */
    isActive: (profileId: string): boolean => {
      const target = profiles.get(profileId);
      return target !== undefined && (target.running !== undefined || target.timer !== undefined);
    },
    forget(profileId: string) {
      clearTimeout(profiles.get(profileId)?.timer);
      profiles.delete(profileId);
    },
    /** Stops every timer and waits for passes in flight (clean shutdown). */
    async stop() {
      stopped = true;
      const running: Promise<SyncStatus>[] = [];
      for (const target of profiles.values()) {
        clearTimeout(target.timer);
        if (target.running) running.push(target.running);
      }
      await Promise.allSettled(running);
    },
  };
}

export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
