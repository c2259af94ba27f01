import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and served by every transport: Electron loads it from files, the local
// host serves it over HTTP. Relative base so both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
