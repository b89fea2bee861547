/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// `npm run dev -w @pulse/dashboard` proxies the API to a local `npm start` (PULSE_API, default :4000).
const api = process.env['PULSE_API'] ?? 'http://localhost:4000';

export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true, assetsInlineLimit: 0 },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/ingest': { target: api, changeOrigin: true },
    },
  },
  test: { include: ['src/**/*.spec.ts', 'codegen.spec.ts'], environment: 'node' },
});
