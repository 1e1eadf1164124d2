import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers hold (ARCHITECTURE.md): every import of the apps' TypeScript is read and checked
 * against the rules below. A failure names each offending `file → import`.
 */
const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS = ['playlists', 'server', 'player', 'admin', 'media', 'embed'];

interface Import {
  file: string;
  /** Repo-relative path of the imported file, or the package name. */
  target: string;
  typeOnly: boolean;
}

const STATIC = /^(?:import|export)\s+(type\s+)?(?:([^'";]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sources(): string[] {
  return FOLDERS.flatMap((folder) =>
    (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.includes('node_modules'))
      .map((f) => join(folder, f)),
  );
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const target = (spec: string) => (spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : spec);
  const found: Import[] = [];
  for (const [, typeKeyword, clause, spec] of text.matchAll(STATIC)) {
    // `import { type A, type B } from …` is erased as a whole, like `import type`.
    const names = clause?.match(/^\{([^}]*)\}$/s)?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
    const allTypes = names !== undefined && names.length > 0 && names.every((n) => n.startsWith('type '));
    found.push({ file, target: target(spec!), typeOnly: Boolean(typeKeyword) || allTypes });
  }
  for (const [, spec] of text.matchAll(DYNAMIC)) found.push({ file, target: target(spec!), typeOnly: false });
  return found;
}

const isTest = (file: string) => file.endsWith('.test.ts') || file.startsWith('server/testing/') || /(^|\/)test-fixtures\.ts$/.test(file);
const under = (path: string, folder: string) => path.startsWith(`${folder}/`);
/**
 * Where the server is put together: they may import anything of it. A player gateway is put
 * together around the same Hub (server/gateway), and the control server's hub on the bus is one.
 */
const COMPOSITION = ['server/app.ts', 'server/main.ts', 'server/services.ts', 'server/gateway/gateway.ts', 'server/bus/control-hub.ts'];

const all = sources().flatMap(importsOf);
const production = all.filter((i) => !isTest(i.file));
const show = (list: Import[]) => list.map((i) => `${i.file} → ${i.target}`);

describe('layering', () => {
  it('reads the imports of every app folder', () => {
    expect(new Set(all.map((i) => i.file.split('/')[0])).size).toBe(FOLDERS.length);
    expect(all.filter((i) => i.target === 'server/publishing/publisher.ts').length).toBeGreaterThan(0);
  });

  it('keeps playlists/ pure: zod and its own files only', () => {
    const bad = production.filter((i) => under(i.file, 'playlists') && i.target !== 'zod' && !i.target.startsWith('zod/') && !under(i.target, 'playlists'));
    expect(show(bad)).toEqual([]);
  });

  it('never lets the server import a front-end', () => {
    const bad = all.filter((i) => under(i.file, 'server') && (under(i.target, 'player') || under(i.target, 'admin') || under(i.target, 'embed')));
    expect(show(bad)).toEqual([]);
  });

  it('lets the web portals\' embed meet the player only through its preview entry, as the admin page does', () => {
    const bad = production.filter((i) => under(i.file, 'embed') && (under(i.target, 'admin') || under(i.target, 'server') || (under(i.target, 'player') && i.target !== 'player/preview.ts')));
    expect(show(bad)).toEqual([]);
    expect(production.some((i) => under(i.file, 'embed') && i.target === 'player/preview.ts')).toBe(true);
  });

  it('lets no production file import a test helper', () => {
    expect(show(production.filter((i) => isTest(i.target)))).toEqual([]);
  });

  it('lets only app.ts import a route, and no route another route but the shared router', () => {
    const bad = production.filter(
      (i) => under(i.target, 'server/routes') && i.file !== 'server/app.ts' && !(under(i.file, 'server/routes') && i.target === 'server/routes/router.ts'),
    );
    expect(show(bad)).toEqual([]);
  });

  it('lets nothing outside the hub use it but as a type (it is handed in), except where it is built', () => {
    const bad = production.filter((i) => under(i.target, 'server/hub') && !under(i.file, 'server/hub') && !i.typeOnly && !COMPOSITION.includes(i.file));
    expect(show(bad)).toEqual([]);
  });

  it('keeps repositories and the database below the services: they import no service, route or hub', () => {
    const below = ['server/db', 'server/repos', 'server/storage', 'playlists', 'media'];
    const bad = production.filter(
      (i) =>
        (under(i.file, 'server/repos') || under(i.file, 'server/db')) &&
        i.target.startsWith('server/') &&
        !below.some((folder) => under(i.target, folder)) &&
        // The snapshot is publishing's model, which the revisions table stores.
        i.target !== 'server/publishing/snapshot.ts',
    );
    expect(show(bad)).toEqual([]);
  });

  it('writes revisions in one place, and pushes manifests only from the subscription in app.ts', () => {
    const serverFiles = [...new Set(production.map((i) => i.file))].filter((f) => under(f, 'server'));
    const calling = (pattern: RegExp) => serverFiles.filter((f) => pattern.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(calling(/\brevisions\.insert\(/)).toEqual(['server/publishing/publisher.ts']);
    // A gateway pushes what control announced (server/gateway): the same subscription, over the bus.
    expect(calling(/\.pushManifests\(/).filter((f) => !under(f, 'server/hub'))).toEqual(['server/app.ts', 'server/gateway/gateway.ts']);
  });
});
