// Player JavaScript budget (DESIGN.md "Budgets": ≤ 40 KB gzipped before the first content
// shows). Run after `vite build`:
//   node scripts/check-size.mjs [distDir]
// Sums the gzipped size of the JS the player page loads at boot — its module scripts and
// modulepreloads, and every chunk those import statically — prints it with the chunks loaded on
// demand (dynamic `import()`) beside it, and exits non-zero when the boot figure is over budget.
import { readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// Kilobytes of 1000 bytes, as `vite build` prints them.
export const BUDGET_BYTES = 40_000;
const PAGE = 'player/index.html';

/** Root-relative paths ("assets/x.js") of the page's module scripts and modulepreloads. */
export function pageScripts(html) {
  const found = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isModule = /^<script/i.test(tag) && /\btype\s*=\s*["']?module\b/i.test(tag);
    const isPreload = /^<link/i.test(tag) && /\brel\s*=\s*["']?modulepreload\b/i.test(tag);
    const url = /\b(?:src|href)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if ((isModule || isPreload) && url && url.startsWith('/')) found.push(url.slice(1).split(/[?#]/)[0]);
  }
  return found;
}

/**
 * Specifiers a built chunk imports statically and dynamically. Bundlers hoist every static
 * import/re-export to the top of a chunk, so the static ones are read from the leading
 * statements; dynamic ones are `import("…")` with a literal anywhere in the code.
 */
export function chunkImports(code) {
  const statics = [];
  const leading = /\s*(?:(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?(["'`])([^"'`]+)\1\s*;?|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)/y;
  for (let m = leading.exec(code); m; m = leading.exec(code)) if (m[2]) statics.push(m[2]);
  const dynamics = [...code.matchAll(/\bimport\(\s*(["'`])([^"'`$]+)\1\s*\)/g)].map((m) => m[2]);
  return { statics, dynamics };
}

/** Walks from the entries; `read(path)` gives a chunk's code. Returns boot and on-demand paths. */
export function playerChunks(entries, read) {
  const boot = new Set();
  const lazy = new Set();
  const pending = [];
  const walk = (path, into) => {
    if (boot.has(path) || into.has(path)) return;
    into.add(path);
    const { statics, dynamics } = chunkImports(read(path));
    const near = (spec) => (spec.startsWith('.') ? posix.join(posix.dirname(path), spec) : spec.replace(/^\//, ''));
    for (const spec of statics) walk(near(spec), into);
    for (const spec of dynamics) pending.push(near(spec));
  };
  for (const entry of entries) walk(entry, boot);
  while (pending.length > 0) {
    const next = pending.shift();
    if (!boot.has(next)) walk(next, lazy);
  }
  return { boot: [...boot], lazy: [...lazy].filter((p) => !boot.has(p)) };
}

export const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/** The web portals' embed (issue 17): ≤ 45 KB gzipped until its first content shows. */
export const EMBED_BUDGET_BYTES = 45_000;
const EMBED_PAGE = 'embed/index.html';

/** A chunk and everything it imports statically. */
function closure(path, read, into = new Set()) {
  if (into.has(path)) return into;
  into.add(path);
  for (const spec of chunkImports(read(path)).statics) closure(posix.join(posix.dirname(path), spec), read, into);
  return into;
}

/**
 * What the embed page downloads: before its board is in view (the entry and its static imports:
 * next to nothing), and by its first content — the board's chunk, its static imports, and the
 * largest renderer it may wait for (the worst case among the kinds a playlist can hold).
 */
export function embedChunks(entries, read) {
  const before = new Set();
  for (const entry of entries) closure(entry, read, before);
  const boards = [...before].flatMap((p) => chunkImports(read(p)).dynamics.map((d) => posix.join(posix.dirname(p), d)));
  const board = new Set(before);
  for (const b of boards) closure(b, read, board);
  let worst = new Set();
  for (const p of board) {
    for (const d of chunkImports(read(p)).dynamics) {
      const chain = [...closure(posix.join(posix.dirname(p), d), read)].filter((c) => !board.has(c));
      if (chain.length && (!worst.size || chain.join() !== [...worst].join())) {
        const size = (set) => [...set].reduce((n, c) => n + read(c).length, 0);
        if (size(new Set(chain)) > size(worst)) worst = new Set(chain);
      }
    }
  }
  return { before: [...before], firstContent: [...board, ...worst] };
}

function main(dist) {
  const gz = (path) => gzipSync(readFileSync(join(dist, path))).length;
  const read = (path) => readFileSync(join(dist, path), 'utf8');
  const { boot, lazy } = playerChunks(pageScripts(read(PAGE)), read);
  const sum = (paths) => paths.reduce((total, p) => total + gz(p), 0);
  for (const p of boot) console.log(`  boot  ${kb(gz(p)).padStart(9)}  ${p}`);
  for (const p of lazy) console.log(`  lazy  ${kb(gz(p)).padStart(9)}  ${p}`);
  const bootBytes = sum(boot);
  console.log(`Player JS loaded at boot: ${kb(bootBytes)} gzipped (budget ${kb(BUDGET_BYTES)}); all player chunks: ${kb(bootBytes + sum(lazy))}`);
  let over = false;
  if (bootBytes > BUDGET_BYTES) {
    console.error(`✗ player JavaScript is ${kb(bootBytes - BUDGET_BYTES)} over budget`);
    over = true;
  }
  const embed = embedChunks(pageScripts(read(EMBED_PAGE)), read);
  const embedBytes = sum(embed.firstContent);
  for (const p of embed.firstContent) console.log(`  embed ${kb(gz(p)).padStart(9)}  ${p}${embed.before.includes(p) ? ' (before in view)' : ''}`);
  console.log(`Embed JS: ${kb(sum(embed.before))} before its board is in view, ${kb(embedBytes)} by its first content (worst renderer; budget ${kb(EMBED_BUDGET_BYTES)})`);
  if (embedBytes > EMBED_BUDGET_BYTES) {
    console.error(`✗ embed JavaScript is ${kb(embedBytes - EMBED_BUDGET_BYTES)} over budget`);
    over = true;
  }
  if (over) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')));
}
