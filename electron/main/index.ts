/**
 * Electron glue: app lifecycle, the locked-down window, IPC registration and desktop
 * notifications. Everything the app knows lives in electron/services (plain Node) and is
 * composed by createDesk; this file only connects it to Electron.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, Notification, session, shell } from 'electron';
import type { PayoutChange } from '../../shared/ipc';
import { createDesk, type Desk } from '../services/desk';
import { isAppPage } from './app-page';
import { broadcastDeskEvent, registerDeskIpc } from './ipc';

const FINAL_STATES = new Set(['COMPLETED', 'FAILED', 'CANCELED', 'PARTIAL']);
const rendererFile = join(__dirname, '../renderer/index.html');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).toString();

/** Windows this app created: the only senders IPC answers, the only receivers of events. */
const appWindows = new Set<BrowserWindow>();

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Payout Desk',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  appWindows.add(window);
  window.on('closed', () => appWindows.delete(window));
  window.once('ready-to-show', () => {
    window.show();
  });
  // The app is one page: navigation elsewhere and new windows are refused; https links open
  // in the user's browser instead.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, appUrl)) event.preventDefault();
  });
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererFile);
  return window;
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

let desk: Desk | undefined;

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  desk = await createDesk({
    dataDir: app.getPath('userData'),
    emit: (event, payload) => {
      broadcastDeskEvent([...appWindows], event, payload);
      if (event === 'payoutsChanged') {
        notifyFinal((payload as { changes: PayoutChange[] }).changes);
      }
    },
  });
  registerDeskIpc({
    handlers: desk.handlers,
    windows: () => [...appWindows],
    appUrl,
  });
  createMainWindow();
  app.on('activate', () => {
    if (appWindows.size === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!desk) return;
  event.preventDefault();
  const closing = desk;
  desk = undefined;
  void closing.close().finally(() => {
    app.quit();
  });
});
