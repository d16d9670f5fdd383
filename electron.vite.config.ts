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
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
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
