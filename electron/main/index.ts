/**
 * Electron glue: single instance, the app:// scheme that serves the UI, the locked-down
 * window (size and position remembered), the menu, IPC registration, desktop notifications,
 * logs and a clean shutdown. Everything the app knows lives in electron/services (plain
 * Node); every security decision is a tested function in security-policy.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  net,
  Notification,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import type { PayoutChange } from '../../shared/ipc';
// The one policy string, shared with the browser host (only the constant is bundled).
import { CONTENT_SECURITY_POLICY } from '../browser-host/server';
import { createFileLogger, type Logger } from '../services/log';
import { startDeskWorker, type DeskWorker } from '../services/worker/desk-worker-client';
import { APP_SCHEME, resolveAppRequest } from './app-protocol';
import { broadcastDeskEvent, registerDeskIpc } from './ipc';
import { readLaunchOverrides } from './launch-overrides';
import { locateSqliteBinding } from './native-binding';
import {
  mayGrantPermission,
  mayNavigate,
  newWindowDecision,
  secureWebPreferences,
} from './security-policy';
import { loadWindowState, restoreWindowState, saveWindowState } from './window-state';

const FINAL_STATES = new Set(['COMPLETED', 'FAILED', 'CANCELED', 'PARTIAL']);
const rendererDir = join(__dirname, '../renderer');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
// A custom scheme instead of file://: the page cannot read other local files, and its
// origin is the app's own (checklist item 18).
const appUrl = devServerUrl ?? 'app://desk/index.html';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Before the single-instance lock, which is keyed by the userData folder: two runs with
// their own data folders (the Electron e2e fixture, docs/e2e.md) are two instances.
const launch = readLaunchOverrides(process.env);
const overrides = launch.ok ? launch.overrides : {};
if (overrides.dataDir) {
  app.setPath('userData', overrides.dataDir);
  app.setPath('logs', join(overrides.dataDir, 'logs'));
}

/** Windows this app created: the only senders IPC answers, the only receivers of events. */
const appWindows = new Set<BrowserWindow>();
let desk: DeskWorker | undefined;
let log: Logger | undefined;

function serveRenderer() {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveAppRequest(request.url, rendererDir);
    if (!target.ok) return new Response(null, { status: target.status });
    let file: Response;
    try {
      file = await net.fetch(pathToFileURL(target.file).toString());
    } catch {
      return new Response(null, { status: 404 });
    }
    // The page's <meta> policy, also as a header: it then covers every file served, and a
    // header cannot be weakened by anything the page itself writes.
    const headers = new Headers(file.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(file.body, { status: file.status, headers });
  });
}

/** The Electron build of better-sqlite3 (never node_modules' Node build), or why not. */
function sqliteBinding() {
  return locateSqliteBinding({
    runtime: {
      electronVersion: process.versions.electron,
      abi: process.versions.modules,
      platform: process.platform,
      arch: process.arch,
    },
    moduleVersion: (createRequire(__filename)('better-sqlite3/package.json') as { version: string })
      .version,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    readFile: (file) => {
      try {
        return readFileSync(file);
      } catch {
        return undefined;
      }
    },
  });
}

/**
 * Exports saved into one folder without the save dialog: only when PAYOUT_DESK_DOWNLOAD_DIR
 * is set (the Electron e2e fixture, docs/e2e.md); a person always gets the dialog.
 */
function saveDownloadsIn(folder: string) {
  session.defaultSession.on('will-download', (_event, item) => {
    item.setSavePath(join(folder, basename(item.getFilename())));
  });
}

/** A start that cannot go on: one sentence in a dialog and the log, then exit non-zero. */
function refuseToStart(message: string) {
  log?.error('cannot start', { reason: message });
  console.error(message);
  dialog.showErrorBox('Payout Desk cannot start', message);
  app.exit(1);
}

function createMainWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const displays = screen.getAllDisplays().map((display) => display.workArea);
  const restored = restoreWindowState(loadWindowState(stateFile), displays);
  const window = new BrowserWindow({
    ...restored.bounds,
    minWidth: 900,
    minHeight: 600,
    title: 'Payout Desk',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  appWindows.add(window);
  if (restored.maximized) window.maximize();
  window.on('close', () => {
    saveWindowState(stateFile, {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    });
  });
  window.on('closed', () => appWindows.delete(window));
  window.once('ready-to-show', () => {
    window.show();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = newWindowDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url, appUrl)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  void window.loadURL(appUrl);
  return window;
}

function buildMenu() {
  const isMac = process.platform === 'darwin';
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(isMac ? [{ role: 'appMenu' as const }] : []),
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
      {
        role: 'help',
        submenu: [
          { role: 'about', label: `About Payout Desk ${app.getVersion()}` },
          {
            label: 'Show logs folder',
            click: () => void shell.openPath(app.getPath('logs')),
          },
        ],
      },
    ]),
  );
  app.setAboutPanelOptions({
    applicationName: 'Payout Desk',
    applicationVersion: app.getVersion(),
    copyright: 'Payout Desk',
  });
}

function notifyFinal(changes: PayoutChange[]) {
  if (!Notification.isSupported()) return;
  for (const change of changes) {
    if (!change.sentFromApp || !FINAL_STATES.has(change.state)) continue;
    new Notification({
      title: `Payout ${change.id}: ${change.state}`,
      body:
        change.state === 'COMPLETED'
          ? 'The payout reached its recipient.'
          : `The ${change.kind === 'mass' ? 'mass payout' : 'payout'} ended as ${change.state}.`,
    }).show();
  }
}

async function start() {
  log = createFileLogger(join(app.getPath('logs'), 'payout-desk.log'));
  log.info('starting', { version: app.getVersion() });
  if (!launch.ok) {
    refuseToStart(launch.message);
    return;
  }
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(mayGrantPermission(permission));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    mayGrantPermission(permission),
  );
  if (overrides.downloadDir) saveDownloadsIn(overrides.downloadDir);
  serveRenderer();
  buildMenu();
  const binding = sqliteBinding();
  if (!binding.ok) {
    refuseToStart(binding.message);
    return;
  }
  const nativeBinding = binding.file;
  // The desk (SQLite, validation, sync, HTTP) runs in its own thread, built by electron-vite
  // as out/main/desk-worker.js: this thread only relays IPC and events, so no desk work can
  // freeze a window (docs/desktop-runtime.md).
  desk = await startDeskWorker({
    entry: join(__dirname, 'desk-worker.js'),
    desk: {
      dataDir: app.getPath('userData'),
      database: { nativeBinding },
      simulator: { nativeBinding },
      ...(overrides.externalSimulator ? { externalSimulator: overrides.externalSimulator } : {}),
      ...(overrides.sync ? { sync: overrides.sync } : {}),
      events: 'object',
    },
    log,
    onEvent: (event, payload) => {
      broadcastDeskEvent([...appWindows], event, payload as never);
      if (event === 'payoutsChanged') {
        notifyFinal((payload as { changes: PayoutChange[] }).changes);
      }
    },
  });
  const running = desk;
  registerDeskIpc({
    call: (method, argument) => running.call(method, argument),
    windows: () => [...appWindows],
    appUrl,
  });
  createMainWindow();
}

// One instance: two would each poll, and a second window belongs in the first process.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = appWindows;
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      refuseToStart(error instanceof Error ? error.message : String(error));
    });
  app.on('activate', () => {
    if (appWindows.size === 0 && desk) createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Clean shutdown: stop polling, finish passes in flight, close the database.
  app.on('will-quit', (event) => {
    if (!desk) return;
    event.preventDefault();
    const closing = desk;
    desk = undefined;
    void closing.close().finally(() => {
      log?.info('stopped');
      app.quit();
    });
  });
}
