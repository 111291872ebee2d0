import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The `ensemble serve` process the dev server forwards API, health and sync traffic to. */
const backend = process.env.ENSEMBLE_DEV_BACKEND ?? 'http://127.0.0.1:4400';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/healthz': { target: backend, changeOrigin: true },
      '/readyz': { target: backend, changeOrigin: true },
      '/metrics': { target: backend, changeOrigin: true },
      '/sync': { target: backend, changeOrigin: true, ws: true },
    },
  },
});
