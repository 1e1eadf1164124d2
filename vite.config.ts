import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { SW_FILE, precachePlugin } from './scripts/precache-plugin.ts';

const page = (name: string) => resolve(import.meta.dirname, name);
/** The service worker's own modules: its entry stays one file that imports no page chunk. */
const WORKER = /\/player\/sw(-range)?\.ts$/;

// Three builds, one after the other into dist/: the player (with its service worker), the
// admin page, and the web portals' embed (issue 17). Built apart, none carries what only another
// uses: a module they share (zod's core, say) is tree-shaken for each on its own, so the admin's
// classic zod and OpenAPI-sized helpers never reach a screen. The player runs on Chromium/Android
// WebView 90 and newer, so all target that; the admin page only gains from it.
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
            player: page('player/index.html'),
            // The player's service worker, at a stable url (its scope is /player/).
            sw: page('player/sw.ts'),
          },
          output: {
            entryFileNames: (chunk) => (chunk.name === 'sw' ? SW_FILE : 'assets/[name]-[hash].js'),
            codeSplitting: {
              // Everything the page boots with goes in one chunk, not a handful of small ones (each
              // a request, its own gzip dictionary, and export lists between them); the renderers
              // the player loads on demand (player/renderers.ts) and what only they use stay out.
              groups: [{ name: 'boot', tags: ['$initial'], test: (id) => !WORKER.test(id) }],
            },
          },
        },
      },
    },
    admin: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        rollupOptions: { input: { admin: page('admin/index.html') } },
      },
    },
    // The web portals' embed (issue 17), built apart: it shares no chunk with the pages, so
    // nothing loads before its board is in view and it carries only what it uses.
    embed: {
      consumer: 'client',
      build: { emptyOutDir: false, rollupOptions: { input: { embed: page('embed/index.html') } } },
    },
  },
  test: {
    include: ['{playlists,server,player,admin,media,scripts}/**/*.test.ts'],
    environment: 'node',
    env: { TZ: 'UTC' },
    // The suite shares two cores with image decoding, real Redis and many app instances: a
    // test that hangs still fails, but a slow machine does not turn a passing test red.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
