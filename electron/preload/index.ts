/**
 * The bridge. Runs sandboxed with context isolation: it exposes one narrow, domain-shaped
 * object to the page and nothing else (no ipcRenderer, no generic invoke, no process.env).
 * DeskApi methods are added here as the contract in shared/ grows.
 */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('desk', Object.freeze({ appName: 'Payout Desk' }));
