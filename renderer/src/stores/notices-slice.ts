/**
 * Short messages about one thing of one profile, such as "406 rows exported to …" after an
 * export, or the error that export ended with. Each is filed under its profile, its object
 * (stores/scope.ts) and a topic, so a message shows only where it belongs; a profile switch
 * clears them all (they were about what the person just did).
 */
import type { DeskError, DeskResult } from '../../../shared/ipc';
import { formatCount } from '../lib/format';
import { scopeKey } from './scope';
import type { SliceCreator } from './types';

export type NoticeTopic = 'export';

export type Notice =
  | { kind: 'done'; text: string; error?: undefined }
  | { kind: 'error'; error: DeskError; text?: undefined };

export type NoticesSlice = {
  /** By noticeKey(profileId, object, topic). */
  notices: Record<string, Notice>;
  /** Files `notice` (or removes the one there, with null). */
  setNotice: (profileId: string, object: string, topic: NoticeTopic, notice: Notice | null) => void;
  clearNotices: () => void;
};

export function noticeKey(profileId: string, object: string, topic: NoticeTopic): string {
  return `${scopeKey(profileId, object)}\u0000${topic}`;
}

export const createNoticesSlice: SliceCreator<NoticesSlice> = (set) => ({
  notices: {},

  setNotice: (profileId, object, topic, notice) => {
    const key = noticeKey(profileId, object, topic);
    set((state) => {
      const others = Object.entries(state.notices).filter(([entry]) => entry !== key);
      return {
        notices: Object.fromEntries(notice === null ? others : [...others, [key, notice]]),
      };
    });
  },

  clearNotices: () => {
    set({ notices: {} });
  },
});

/** What an export said: "N rows exported to <file>", or its error. */
export function exportNotice(
  result: DeskResult<{ rowCount: number; fileName: string }>,
  rows = 'rows',
): Notice {
  return result.ok
    ? {
        kind: 'done',
        text: `${formatCount(result.value.rowCount)} ${rows} exported to ${result.value.fileName}`,
      }
    : { kind: 'error', error: result.error };
}
