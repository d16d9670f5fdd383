import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// ESM-only pure-JS libraries used by shared/ are bundled into main; native modules and the
// other runtime dependencies stay external and are require()d from node_modules.
const bundledInMain = ['@noble/hashes', '@scure/base'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundledInMain },
      // The desk's worker thread is an entry of its own, emitted beside index.js as
      // desk-worker.js (electron/main/index.ts starts it from there).
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'desk-worker': resolve(__dirname, 'electron/services/worker/desk-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require() anything: bundle it whole.
    build: {
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
