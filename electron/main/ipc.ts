/**
 * The one place where the DeskApi handler table meets ipcMain. Guards: a call is answered
 * only when it comes from the main frame of a window this app created, showing the app's own
 * page; everything else gets a VALIDATION error and reaches no service. Arguments are then
 * relayed to the desk's worker thread, whose `dispatch` validates them against the
 * contract's schemas: nothing heavier than a structured clone runs on this thread.
 */
import { ipcMain, type BrowserWindow, type WebContents, type WebFrameMain } from 'electron';
import {
  DESK_METHODS,
  type DeskEventName,
  type DeskEvents,
  type DeskResult,
} from '../../shared/ipc';
import { mayAnswerIpc } from './security-policy';

export const DESK_CHANNEL_PREFIX = 'desk:';
export const DESK_EVENT_CHANNEL = 'desk:event';

export function registerDeskIpc(options: {
  /** The desk's worker (desk-worker-client.ts `call`): it validates and answers. */
  call: (method: string, argument: unknown) => Promise<DeskResult<unknown>>;
  windows: () => BrowserWindow[];
  appUrl: string;
}): () => void {
  const trusted = (sender: WebContents, frame: WebFrameMain | null): boolean =>
    frame !== null &&
    mayAnswerIpc(
      {
        fromAppWindow: options.windows().some((window) => window.webContents === sender),
        fromMainFrame: frame === sender.mainFrame,
        frameUrl: frame.url,
      },
      options.appUrl,
    );

  for (const method of DESK_METHODS) {
    ipcMain.handle(`${DESK_CHANNEL_PREFIX}${method}`, (event, argument: unknown) => {
      if (!trusted(event.sender, event.senderFrame)) {
        return {
          ok: false,
          error: { code: 'VALIDATION', message: 'calls are accepted only from the app window' },
        };
      }
      return options.call(method, argument);
    });
  }
  return () => {
    for (const method of DESK_METHODS) ipcMain.removeHandler(`${DESK_CHANNEL_PREFIX}${method}`);
  };
}

export function broadcastDeskEvent<E extends DeskEventName>(
  windows: BrowserWindow[],
  event: E,
  payload: DeskEvents[E],
): void {
  for (const window of windows) {
    if (!window.isDestroyed()) window.webContents.send(DESK_EVENT_CHANNEL, event, payload);
  }
}
