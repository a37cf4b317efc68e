import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The reference web app and the offline explorer, built into `web/dist` and served by the
 * gateway from its own origin: every asset is bundled, nothing is fetched from a CDN.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The explorer (GraphiQL) is its own page, so the app's routes never load its editor.
    rollupOptions: {
      input: {
        app: resolve(import.meta.dirname, 'index.html'),
        explorer: resolve(import.meta.dirname, 'explorer.html'),
      },
      // GraphiQL's dependencies mark modules "use client" (for React Server Components),
      // which a plain client bundle has no use for: a warning per module, nothing to act on.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
    chunkSizeWarningLimit: 4000,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000' } },
});
