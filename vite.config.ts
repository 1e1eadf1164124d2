import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { SW_FILE, precachePlugin } from './scripts/precache-plugin.ts';

/** Modules only the on-demand renderers use (player/renderers.ts): kept out of the boot chunk. */
const ON_DEMAND = /\/player\/(components\/(slogan|ticker|countdown|policy-notice|qr-code|clock|story|image|video|paged|emergency)|legibility|notice-layout|ticker-motion|clock-format|box-size|fit-plan|kind-parts|emergency-layout|messages-emergency|decoded-image|shared-video|short-link-item)\.ts$|\/playlists\/short-link\.ts$|\/node_modules\/lean-qr\//;

// One config, three pages (the embed built apart). The player runs on Chromium/Android WebView 90 and newer, so the
// whole build targets that; the admin page only gains from it.
export default defineConfig({
  root: '.',
  base: '/',
  publicDir: false,
  plugins: [precachePlugin()],
  build: {
    outDir: 'dist',
    target: ['chrome90'],
    assetsInlineLimit: 0,
    // Chromium 90+ knows <link rel=modulepreload>; the polyfill would only cost bytes.
    modulePreload: { polyfill: false },
  },
  builder: {},
  environments: {
    client: {
      build: {
        emptyOutDir: true,
        rollupOptions: {
          input: {
            player: resolve(import.meta.dirname, 'player/index.html'),
            admin: resolve(import.meta.dirname, 'admin/index.html'),
            // The player's service worker, at a stable url (its scope is /player/).
            sw: resolve(import.meta.dirname, 'player/sw.ts'),
          },
          output: {
            entryFileNames: (chunk) => (chunk.name === 'sw' ? SW_FILE : 'assets/[name]-[hash].js'),
            codeSplitting: {
              // What the player page and the admin share goes in one chunk, not a handful of small
              // ones (each a request and its own gzip dictionary); the renderers the player loads
              // on demand (player/renderers.ts) and what only they use stay out of it.
              groups: [{ name: 'shared', minShareCount: 2, test: (id) => !ON_DEMAND.test(id) }],
            },
          },
        },
      },
    },
    // The web portals' embed (issue 17), built apart into dist/: it shares no chunk with the
    // pages, so nothing loads before its board is in view and it carries only what it uses.
    embed: {
      consumer: 'client',
      build: { emptyOutDir: false, rollupOptions: { input: { embed: resolve(import.meta.dirname, 'embed/index.html') } } },
    },
  },
  test: {
    include: ['{playlists,server,player,admin,media,scripts}/**/*.test.ts'],
    environment: 'node',
    env: { TZ: 'UTC' },
  },
});
