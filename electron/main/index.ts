/**
 * Electron glue: single instance, the app:// scheme that serves the UI, the locked-down
 * window (size and position remembered), the menu, IPC registration, desktop notifications,
 * logs and a clean shutdown. Everything the app knows lives in electron/services (plain
 * Node); every security decision is a tested function in security-policy.ts.
 */
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  Menu,
  net,
  Notification,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import type { PayoutChange } from '../../shared/ipc';
import { createDesk, type Desk } from '../services/desk';
import { createFileLogger, type Logger } from '../services/log';
import { broadcastDeskEvent, registerDeskIpc } from './ipc';
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
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Windows this app created: the only senders IPC answers, the only receivers of events. */
const appWindows = new Set<BrowserWindow>();
let desk: Desk | undefined;
let log: Logger | undefined;

function serveRenderer() {
  protocol.handle('app', (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
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
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(mayGrantPermission(permission));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    mayGrantPermission(permission),
  );
  serveRenderer();
  buildMenu();
  desk = await createDesk({
    dataDir: app.getPath('userData'),
    log,
    emit: (event, payload) => {
      broadcastDeskEvent([...appWindows], event, payload);
      if (event === 'payoutsChanged') {
        notifyFinal((payload as { changes: PayoutChange[] }).changes);
      }
    },
  });
  registerDeskIpc({ handlers: desk.handlers, windows: () => [...appWindows], appUrl });
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
  void app.whenReady().then(start);
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
