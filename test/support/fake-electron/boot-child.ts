/**
 * The child process of the boot test: makes `require('electron')` answer with the stand-in
 * (as Electron Fiddle's tests do), loads the built main process given as argv[2], and then
 * runs the parent's commands against the recorded fakes. Every answer and the final report
 * (exit code and records) go back over the fork channel.
 */
import Module from 'node:module';
import * as fake from './electron';
import {
  electronEvent,
  FakeFrame,
  fakeElectron,
  FakeWebContents,
  type FakeBrowserWindow,
} from './electron';

export type BootCommand =
  | { op: 'snapshot' }
  | { op: 'fetch'; url: string }
  | {
      op: 'invoke';
      channel: string;
      argument: unknown;
      from: 'app-main-frame' | 'app-sub-frame' | 'app-other-url' | 'foreign-window';
      url?: string;
    }
  | { op: 'navigate'; url: string }
  | { op: 'open-window'; url: string }
  | { op: 'attach-webview' }
  | { op: 'permission'; permission: string }
  | { op: 'second-instance' }
  | { op: 'download'; fileName: string }
  | { op: 'quit' };

export type BootSnapshot = {
  privilegedSchemes: unknown[];
  protocolSchemes: string[];
  windows: { options: Record<string, unknown>; url: string; calls: string[] }[];
  ipcChannels: string[];
  permissionHandlers: { request: boolean; check: boolean };
  menuSet: boolean;
  errorBoxes: { title: string; content: string }[];
  openedExternally: string[];
  lockRequests: boolean[];
  setPaths: [string, string][];
  lockedUserData: string[];
  /** Every better_sqlite3.node this process has loaded (from Node's diagnostic report). */
  sqliteAddons: string[];
  /**
   * Worker threads this process started after main was loaded (the desk's), from the same
   * report. Those running before (the TypeScript loader's own) are not counted.
   */
  workerThreads: number;
};

type ModuleWithLoad = { _load: (request: string, ...rest: unknown[]) => unknown };
const moduleInternals = Module as unknown as ModuleWithLoad;
const originalLoad = moduleInternals._load;
moduleInternals._load = function load(request: string, ...rest: unknown[]) {
  if (request === 'electron') return fake;
  return originalLoad.call(this, request, ...rest);
};

function send(message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      resolve();
      return;
    }
    process.send(message, () => {
      resolve();
    });
  });
}

type DiagnosticReport = { sharedObjects?: string[]; workers?: unknown[] };

function loadedSqliteAddons(report: DiagnosticReport): string[] {
  return (report.sharedObjects ?? []).filter((file) => file.endsWith('better_sqlite3.node'));
}

const workersBeforeMain =
  (process.report.getReport() as unknown as DiagnosticReport).workers?.length ?? 0;

function snapshot(): BootSnapshot {
  const report = process.report.getReport() as unknown as DiagnosticReport;
  return {
    privilegedSchemes: fakeElectron.privilegedSchemes,
    protocolSchemes: [...fakeElectron.protocolHandlers.keys()],
    windows: fakeElectron.windows.map((window) => ({
      options: window.options,
      url: window.webContents.mainFrame.url,
      calls: window.calls,
    })),
    ipcChannels: [...fakeElectron.ipcHandlers.keys()],
    permissionHandlers: {
      request: fakeElectron.sessionHandlers.request !== undefined,
      check: fakeElectron.sessionHandlers.check !== undefined,
    },
    menuSet: fakeElectron.applicationMenu() !== null,
    errorBoxes: fakeElectron.errorBoxes,
    openedExternally: fakeElectron.openedExternally,
    lockRequests: fakeElectron.lockRequests,
    setPaths: fakeElectron.setPaths,
    lockedUserData: fakeElectron.lockedUserData,
    sqliteAddons: loadedSqliteAddons(report),
    workerThreads: (report.workers?.length ?? 0) - workersBeforeMain,
  };
}

function appWindow(): FakeBrowserWindow {
  const [window] = fakeElectron.windows;
  if (!window) throw new Error('main created no window');
  return window;
}

/** The IPC event Electron hands a handler: who sent it, from which frame. */
function ipcEvent(command: Extract<BootCommand, { op: 'invoke' }>) {
  if (command.from === 'foreign-window') {
    const contents = new FakeWebContents();
    contents.mainFrame.url = command.url ?? appWindow().webContents.mainFrame.url;
    return { sender: contents, senderFrame: contents.mainFrame };
  }
  const contents = appWindow().webContents;
  if (command.from === 'app-sub-frame') {
    return { sender: contents, senderFrame: new FakeFrame(contents.mainFrame.url) };
  }
  if (command.from === 'app-other-url') {
    const frame = contents.mainFrame;
    const saved = frame.url;
    frame.url = command.url ?? 'https://evil.example/';
    return { sender: contents, senderFrame: frame, restore: () => (frame.url = saved) };
  }
  return { sender: contents, senderFrame: contents.mainFrame };
}

async function run(command: BootCommand): Promise<unknown> {
  switch (command.op) {
    case 'snapshot':
      return snapshot();
    case 'fetch': {
      const handler = fakeElectron.protocolHandlers.get(new URL(command.url).protocol.slice(0, -1));
      if (!handler) throw new Error(`no protocol handler for ${command.url}`);
      const response = await handler(new Request(command.url));
      const body = await response.text();
      return {
        status: response.status,
        csp: response.headers.get('content-security-policy'),
        body: body.slice(0, 2000),
      };
    }
    case 'invoke': {
      const handler = fakeElectron.ipcHandlers.get(command.channel);
      if (!handler) throw new Error(`no IPC handler for ${command.channel}`);
      const event = ipcEvent(command);
      try {
        return await handler(event, command.argument);
      } finally {
        if ('restore' in event) event.restore?.();
      }
    }
    case 'navigate': {
      const event = electronEvent();
      appWindow().webContents.emit('will-navigate', event, command.url);
      return { prevented: event.defaultPrevented };
    }
    case 'open-window': {
      const handler = appWindow().webContents.windowOpenHandler;
      if (!handler) throw new Error('no window open handler');
      const decision = handler({ url: command.url });
      await new Promise((resolve) => setImmediate(resolve));
      return { action: decision.action, openedExternally: fakeElectron.openedExternally };
    }
    case 'attach-webview': {
      const event = electronEvent();
      appWindow().webContents.emit('will-attach-webview', event, {}, {});
      return { prevented: event.defaultPrevented };
    }
    case 'permission': {
      const { request, check } = fakeElectron.sessionHandlers;
      if (!request || !check) throw new Error('no permission handlers');
      const granted = await new Promise<boolean>((resolve) => {
        request(appWindow().webContents, command.permission, resolve);
      });
      return {
        requestGranted: granted,
        checkGranted: check(appWindow().webContents, command.permission),
      };
    }
    case 'second-instance': {
      const window = appWindow();
      window.minimize();
      fake.app.emit('second-instance', electronEvent(), ['payout-desk'], process.cwd());
      return { calls: window.calls, minimized: window.isMinimized() };
    }
    case 'download': {
      // A download the page starts: where main has it saved (undefined: Electron's dialog).
      let savePath: string | undefined;
      const item = {
        getFilename: () => command.fileName,
        setSavePath: (path: string) => (savePath = path),
      };
      for (const handler of fakeElectron.sessionHandlers.willDownload)
        handler(electronEvent(), item);
      return { savePath };
    }
    case 'quit':
      fake.app.quit();
      return { quitting: true };
  }
}

fakeElectron.onExit((code) => {
  void send({ type: 'exit', code, snapshot: snapshot() }).then(() => process.exit(code));
});

process.on('message', (message: { id: number; command: BootCommand }) => {
  run(message.command).then(
    (result) => send({ type: 'result', id: message.id, result }),
    (error: unknown) =>
      send({
        type: 'result',
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});

const mainFile = process.argv[2];
if (!mainFile) throw new Error('usage: boot-child <out/main/index.js>');
// The bundle's top level runs now, as in Electron: the lock, the scheme, the handlers.
Module.createRequire(__filename)(mainFile);
void send({ type: 'loaded' });
