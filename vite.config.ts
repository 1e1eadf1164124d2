import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// One config, two pages. The player runs on Chromium/Android WebView 90 and newer, so the
// whole build targets that; the admin page only gains from it.
export default defineConfig({
  root: '.',
  base: '/',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: ['chrome90'],
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        player: resolve(import.meta.dirname, 'player/index.html'),
        admin: resolve(import.meta.dirname, 'admin/index.html'),
      },
    },
  },
  test: {
    include: ['{playlists,server,player,admin,media}/**/*.test.ts'],
    environment: 'node',
    env: { TZ: 'UTC' },
  },
});
