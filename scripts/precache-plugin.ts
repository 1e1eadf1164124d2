import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** Where the service worker is emitted (vite.config.ts names the entry) and the page it serves. */
export const SW_FILE = 'player/sw.js';
const PAGE_FILE = 'player/index.html';
const PAGE_URL = '/player/';

interface BundleFile {
  type: 'chunk' | 'asset';
  fileName: string;
  code?: string;
  source?: string | Uint8Array;
  imports?: string[];
  dynamicImports?: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

/**
 * Writes the player's precache list into its service worker: the page and every file it loads
 * (scripts, styles, the icon, and the woff2 fonts its styles name — Chromium never asks for the
 * woff fallbacks). The list and a hash of it replace `BANGTIN_PRECACHE` and
 * `BANGTIN_SHELL_VERSION` in `player/sw.js`, so each build's worker differs from the last one
 * exactly when the player changed, which is what makes the browser install the new one.
 */
export function precachePlugin(): Plugin {
  return {
    name: 'bangtin-precache',
    apply: 'build',
    enforce: 'post',
    // The player's build (vite.config.ts's `client` environment); the admin page has no worker.
    applyToEnvironment: (environment) => environment.name === 'client',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const files = bundle as unknown as Record<string, BundleFile>;
        const sw = files[SW_FILE];
        const page = files[PAGE_FILE];
        if (!sw || sw.type !== 'chunk' || !page) this.error(`precache: ${SW_FILE} or ${PAGE_FILE} missing from the bundle`);
        const list = playerFiles(files, text(page.source));
        const hash = createHash('sha256').update(text(page.source));
        for (const name of list) hash.update(`\n${name}`);
        const version = hash.digest('hex').slice(0, 16);
        const code = sw.code!;
        if (!/\bBANGTIN_PRECACHE\b/.test(code) || !/\bBANGTIN_SHELL_VERSION\b/.test(code)) {
          this.error('precache: the service worker lost its BANGTIN_ placeholders');
        }
        sw.code = code
          .replace(/\bBANGTIN_PRECACHE\b/g, JSON.stringify([PAGE_URL, ...list.map((f) => `/${f}`)]))
          .replace(/\bBANGTIN_SHELL_VERSION\b/g, JSON.stringify(version));
      },
    },
  };
}

/** The built files the player page loads, walked from its HTML through chunks and styles. */
function playerFiles(files: Record<string, BundleFile>, html: string): string[] {
  const found = new Set<string>();
  const visit = (name: string) => {
    // Chromium takes the woff2 of each face; the woff beside it is for browsers it replaces.
    if (found.has(name) || name === SW_FILE || name.endsWith('.woff')) return;
    const file = files[name];
    if (!file) return;
    found.add(name);
    if (file.type === 'chunk') {
      for (const dep of [...(file.imports ?? []), ...(file.dynamicImports ?? [])]) visit(dep);
      for (const dep of file.viteMetadata?.importedCss ?? []) visit(dep);
      for (const dep of file.viteMetadata?.importedAssets ?? []) visit(dep);
    } else if (name.endsWith('.css')) {
      for (const m of text(file.source).matchAll(/url\(\s*['"]?\/([^'")?#]+\.woff2)/g)) visit(m[1]!);
    }
  };
  for (const m of html.matchAll(/(?:src|href)="\/([^"?#]+)"/g)) visit(m[1]!);
  return [...found].sort();
}

function text(source: string | Uint8Array | undefined): string {
  return typeof source === 'string' ? source : new TextDecoder().decode(source ?? new Uint8Array());
}
