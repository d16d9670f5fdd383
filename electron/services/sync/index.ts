export {
  createHistorySync,
  SYNC_PAGE_SIZE,
  type HistorySync,
  type SyncOutcome,
} from './history-sync';
export { createSyncScheduler, type SyncScheduler } from './sync-scheduler';
