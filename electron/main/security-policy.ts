/**
 * Every security decision the Electron glue makes, as plain functions: what the window may
 * do, where it may navigate, which new windows and permissions are refused, and which IPC
 * senders are answered. Kept apart from Electron so each rule is tested under plain Node
 * (docs/security.md maps them to the Electron security checklist).
 */
import { isAppPage } from './app-page';

/** webPreferences of every window: no Node in the page, isolated and sandboxed. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** In-page navigation stays on the app page; everything else is cancelled. */
export function mayNavigate(url: string, appUrl: string): boolean {
  return isAppPage(url, appUrl);
}

/**
 * New windows are always denied. An https link (e.g. a block explorer) is offered to the
 * system browser instead; no other scheme is ever handed to the OS (file:, smb:, custom
 * protocol handlers can run programs).
 */
export function newWindowDecision(url: string): { action: 'deny'; openExternally: boolean } {
  let external: boolean;
  try {
    external = new URL(url).protocol === 'https:';
  } catch {
    external = false;
  }
  return { action: 'deny', openExternally: external };
}

/** The app needs no camera, microphone, location, notifications-from-page or anything else. */
export function mayGrantPermission(_permission: string): boolean {
  return false;
}

export type IpcSender = {
  /** The sending WebContents belongs to a window this app created. */
  fromAppWindow: boolean;
  /** The message comes from that window's main frame, not an iframe. */
  fromMainFrame: boolean;
  frameUrl: string;
};

export function mayAnswerIpc(sender: IpcSender, appUrl: string): boolean {
  return sender.fromAppWindow && sender.fromMainFrame && isAppPage(sender.frameUrl, appUrl);
}
