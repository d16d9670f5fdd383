/**
 * A stand-in for the `electron` module, small and shaped like Electron's documented API
 * (app, BrowserWindow, ipcMain, protocol, session, Menu, dialog, shell, net, screen,
 * Notification), so the BUILT main process (out/main/index.js) runs under plain Node with
 * its real wiring. Every call is recorded; `fakeElectron` exposes the records and lets the
 * boot test drive events (a call over IPC, a navigation, a second instance, quitting).
 * Configured by the FAKE_ELECTRON environment variable (JSON, see FakeElectronConfig).
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export type FakeElectronConfig = {
  electronVersion: string;
  appPath: string;
  userData: string;
  logs: string;
  /** What requestSingleInstanceLock answers: false plays the second instance. */
  gotLock: boolean;
};

const config = JSON.parse(process.env.FAKE_ELECTRON ?? '{}') as FakeElectronConfig;

// Inside Electron, process.versions.electron and process.resourcesPath exist.
Object.defineProperty(process.versions, 'electron', {
  value: config.electronVersion,
  enumerable: true,
});
Object.defineProperty(process, 'resourcesPath', { value: config.appPath, enumerable: true });

/** An Electron event object: `preventDefault()` and whether it was called. */
export function electronEvent(extra: Record<string, unknown> = {}) {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event;
}

export class FakeFrame {
  constructor(public url: string) {}
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextContentsId = 1;
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('');
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly sent: unknown[][] = [];
  setWindowOpenHandler(handler: WindowOpenHandler) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
}

const windows: FakeBrowserWindow[] = [];

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  private destroyed = false;
  private minimized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    windows.push(this);
  }
  static getAllWindows() {
    return windows.filter((window) => !window.destroyed);
  }
  loadURL(url: string) {
    this.webContents.mainFrame.url = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.calls.push('show');
  }
  focus() {
    this.calls.push('focus');
  }
  maximize() {
    this.calls.push('maximize');
  }
  minimize() {
    this.minimized = true;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
    this.calls.push('restore');
  }
  isMaximized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: 1280, height: 820 };
  }
  /** Like Electron: 'close' (cancellable), then the window is gone and 'closed'. */
  close() {
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;
const ipcHandlers = new Map<string, IpcHandler>();
export const ipcMain = {
  handle(channel: string, handler: IpcHandler) {
    if (ipcHandlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    ipcHandlers.delete(channel);
  },
};

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const privilegedSchemes: unknown[] = [];
const protocolHandlers = new Map<string, ProtocolHandler>();
export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler) {
    protocolHandlers.set(scheme, handler);
  },
};

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;
/** Electron's DownloadItem, as far as main uses it. */
export type FakeDownloadItem = { getFilename(): string; setSavePath(path: string): void };
type WillDownloadHandler = (event: unknown, item: FakeDownloadItem) => void;
const sessionHandlers: {
  request?: PermissionRequestHandler;
  check?: PermissionCheckHandler;
  willDownload: WillDownloadHandler[];
} = { willDownload: [] };
export const session = {
  defaultSession: {
    on(event: string, handler: WillDownloadHandler) {
      if (event !== 'will-download') throw new Error(`fake session: no event ${event}`);
      sessionHandlers.willDownload.push(handler);
    },
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      sessionHandlers.request = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler) {
      sessionHandlers.check = handler;
    },
  },
};

let applicationMenu: unknown = null;
export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ items: template }),
  setApplicationMenu(menu: unknown) {
    applicationMenu = menu;
  },
};

const errorBoxes: { title: string; content: string }[] = [];
export const dialog = {
  showErrorBox(title: string, content: string) {
    errorBoxes.push({ title, content });
  },
};

const openedExternally: string[] = [];
export const shell = {
  openExternal(url: string) {
    openedExternally.push(url);
    return Promise.resolve();
  },
  openPath: () => Promise.resolve(''),
};

/** net.fetch of a file: URL, as the app:// handler uses it; a missing file rejects. */
export const net = {
  async fetch(url: string): Promise<Response> {
    const body = await readFile(fileURLToPath(url));
    return new Response(body, { status: 200 });
  },
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export class Notification {
  static isSupported() {
    return false;
  }
  show() {
    /* never shown: isSupported() is false */
  }
}

const lockRequests: boolean[] = [];
/** Every app.setPath call in order, and the userData folder each lock request was keyed by. */
const setPaths: [string, string][] = [];
const lockedUserData: string[] = [];
let quitting = false;
let exitCode: number | undefined;
const exitListeners: ((code: number) => void)[] = [];

class FakeApp extends EventEmitter {
  readonly isPackaged = false;
  private readonly ready: Promise<void>;
  constructor() {
    super();
    this.ready = new Promise((resolve) =>
      setImmediate(() => {
        this.emit('ready');
        resolve();
      }),
    );
  }
  whenReady() {
    return this.ready;
  }
  getPath(name: string) {
    if (name === 'userData') return config.userData;
    if (name === 'logs') return config.logs;
    throw new Error(`fake app.getPath: no path for ${name}`);
  }
  setPath(name: string, path: string) {
    setPaths.push([name, path]);
    if (name === 'userData') config.userData = path;
    else if (name === 'logs') config.logs = path;
    else throw new Error(`fake app.setPath: no path for ${name}`);
  }
  getAppPath() {
    return config.appPath;
  }
  getVersion() {
    return '0.0.0-test';
  }
  setAboutPanelOptions() {
    /* recorded nowhere: nothing to check */
  }
  requestSingleInstanceLock() {
    lockRequests.push(config.gotLock);
    lockedUserData.push(config.userData);
    return config.gotLock;
  }
  /**
   * Electron's order: 'before-quit', every window closed, 'will-quit' (cancellable: the app
   * may finish work and call quit() again), 'quit', then the process ends.
   */
  quit() {
    if (quitting) return;
    quitting = true;
    const before = electronEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) {
      quitting = false;
      return;
    }
    for (const window of FakeBrowserWindow.getAllWindows()) window.close();
    const will = electronEvent();
    this.emit('will-quit', will);
    quitting = false;
    if (will.defaultPrevented) return;
    this.emit('quit', electronEvent(), 0);
    this.exit(0);
  }
  exit(code = 0) {
    if (exitCode !== undefined) return;
    exitCode = code;
    for (const listener of exitListeners) listener(code);
  }
}

export const app = new FakeApp();

/** What the boot test reads and drives; not part of Electron's API. */
export const fakeElectron = {
  windows,
  ipcHandlers,
  privilegedSchemes,
  protocolHandlers,
  sessionHandlers,
  errorBoxes,
  openedExternally,
  lockRequests,
  setPaths,
  lockedUserData,
  applicationMenu: () => applicationMenu,
  onExit(listener: (code: number) => void) {
    exitListeners.push(listener);
  },
};

export { FakeBrowserWindow as BrowserWindow };
