import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

// The extension build: crxjs turns manifest.json's TypeScript entries into a loadable dist/.
// scripts/check-build.ts then fails the build if the worker bundle contains a dynamic import()
// (crxjs#1235: such a bundle dies at start, before its listeners register).
export default defineConfig({
  publicDir: 'extension/public',
  plugins: [preact(), crx({ manifest, browser: 'chrome' })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    modulePreload: false,
  },
  server: { strictPort: true, port: 5173, hmr: { port: 5173 } },
});
