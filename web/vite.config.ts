// The web application: React, built into dist/web and served by the Vigil server (src/server/web.ts).
// `npm run build:web` builds it; `npx vite --config web/vite.config.ts` serves it with hot reload and
// proxies /api to a Vigil server (`vigil serve`, port 8080; VIGIL_API to change it).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: new URL('../dist/web', import.meta.url).pathname,
    emptyOutDir: true,
    assetsDir: 'assets',
    // Nothing inlined as data: URLs except images; the CSP allows no data: fonts or scripts.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': process.env.VIGIL_API ?? 'http://127.0.0.1:8080' },
  },
});
