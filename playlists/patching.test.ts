import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';
import type { PublishedItem } from './content.ts';
import { MANIFEST_FORMAT, Manifest, type ManifestBody } from './manifest.ts';
import { ManifestPatch } from './manifest-patch.ts';
import { applyManifestPatch, diffManifest, manifestContent, patchedManifest, versionOfDigest } from './patching.ts';
import type { MediaInfo } from './media.ts';
import { playlist, schedule, slogan } from './test-fixtures.ts';

const sha256 = async (text: string) => createHash('sha256').update(text).digest('hex');
const versioned = (body: ManifestBody): Manifest => ({ ...body, version: versionOfDigest(createHash('sha256').update(manifestContent(body)).digest('hex')) });

const medium = (n: number): MediaInfo => {
  const id = n.toString(16).padStart(64, '0');
  const file = { url: `/media/${id}.webp`, sha256: id, bytes: 1000 + n, type: 'image/webp' as const, width: 640, height: 360 };
  return { id, kind: 'image', type: 'image/webp', bytes: 1000 + n, width: 640, height: 360, durationMs: null, files: [file] };
};

function body(over: Partial<ManifestBody> = {}): ManifestBody {
  return {
    format: MANIFEST_FORMAT,
    revision: 1,
    horizon: { from: '2026-10-04T00:00:00+07:00', until: '2026-10-12T00:00:00+07:00' },
    items: ['a', 'b', 'c'].map((id) => slogan(id)),
    playlists: [playlist('fb', ['a', 'b', 'c'])],
    schedules: [],
    fallback: { playlistId: 'fb' },
    media: [medium(1)],
    ...over,
  };
}

/** `next` as the player ends with it after the patch from `base`: canonical JSON, or null. */
async function throughPatch(base: Manifest, next: Manifest): Promise<string | null> {
  const patch = diffManifest(base, next);
  if (!patch) return null;
  // On the wire: serialised and parsed like every frame.
  const wired = ManifestPatch.parse(JSON.parse(JSON.stringify(patch)));
  const held = Manifest.parse(JSON.parse(JSON.stringify(base)));
  const result = await patchedManifest(held, wired, sha256);
  return result && canonicalJson(result);
}

describe('manifest patches [P4]', () => {
  it('carries only the edited item for a one-item edit, and is much smaller', async () => {
    const base = versioned(body());
    const next = versioned(body({ revision: 2, items: [slogan('a'), slogan('b', 10_000, { text: 'Học nghề – lập nghiệp', revision: 2 }), slogan('c')] }));
    const patch = diffManifest(base, next)!;
    expect(patch).toEqual({ base: base.version, version: next.version, revision: 2, items: { put: [next.items[1]] } });
    expect(JSON.stringify(patch).length * 2).toBeLessThan(JSON.stringify(next).length);
    expect(await throughPatch(base, next)).toBe(canonicalJson(next));
  });

  it('adds, drops and reorders entries, and removes and adds the ward share', async () => {
    const base = versioned(body({ wardShare: { everyCityItems: 3, maxPercent: 30 } }));
    const next = versioned(
      body({
        items: [slogan('d'), slogan('c'), slogan('a')],
        playlists: [playlist('fb', ['d', 'c', 'a'])],
        schedules: [schedule('s1', 'fb')],
        media: [medium(2)],
      }),
    );
    const patch = diffManifest(base, next)!;
    expect(patch.wardShare).toBeNull();
    expect(patch.items).toEqual({ put: [slogan('d')], drop: ['b'], order: ['d', 'c', 'a'] });
    expect(await throughPatch(base, next)).toBe(canonicalJson(next));
    expect(await throughPatch(next, base)).toBe(canonicalJson(base));
  });

  it('gives no patch across manifest formats or for a list with an id twice', () => {
    const base = versioned(body());
    expect(diffManifest(base, { ...base, format: 2 } as unknown as Manifest)).toBeNull();
    expect(diffManifest(base, versioned(body({ items: [slogan('a'), slogan('a')] })))).toBeNull();
  });
});

describe('checking a patched manifest [P5]', () => {
  const base = versioned(body());
  const next = versioned(body({ items: [slogan('a'), slogan('b', 20_000), slogan('c')] }));
  const patch = diffManifest(base, next)!;

  it('refuses a patch for another base', async () => {
    const other = versioned(body({ revision: 9 }));
    expect(applyManifestPatch(other, patch)).toBeNull();
    expect(await patchedManifest(other, patch, sha256)).toBeNull();
  });

  it('refuses a patch that does not parse before applying any of it (the frame is checked at boot for its type only)', async () => {
    expect(await patchedManifest(base, patch, sha256)).not.toBeNull();
    expect(await patchedManifest(base, { ...patch, items: { put: [{ id: 'b', kind: 'slogan' }] } }, sha256)).toBeNull();
    expect(await patchedManifest(base, { ...patch, extra: true }, sha256)).toBeNull();
    expect(await patchedManifest(base, 'not a patch', sha256)).toBeNull();
  });

  it('refuses a result that does not hash to the version', async () => {
    const tampered: ManifestPatch = { ...patch, items: { put: [slogan('b', 30_000)] } };
    expect(await patchedManifest(base, tampered, sha256)).toBeNull();
  });

  it('refuses an order that is not the list, puts with an id twice, and a result that is no manifest', async () => {
    expect(applyManifestPatch(base, { ...patch, items: { order: ['a', 'b', 'x'] } })).toBeNull();
    expect(applyManifestPatch(base, { ...patch, items: { order: ['a', 'b'] } })).toBeNull();
    expect(applyManifestPatch(base, { ...patch, items: { put: [slogan('b'), slogan('b')] } })).toBeNull();
    const broken = { ...patch, playlists: { put: [{ id: 'fb' } as never] } };
    expect(await patchedManifest(base, broken, sha256)).toBeNull();
  });
});

/** A random edit of a manifest body, as publishing could make one. */
const edit = fc.oneof(
  fc.record({ op: fc.constant('text' as const), at: fc.nat(), text: fc.string({ maxLength: 20 }).map((s) => `Tin ${s}`.normalize('NFC').trim()) }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), id: fc.stringMatching(/^[a-z]{1,3}$/) }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('schedule' as const), on: fc.boolean() }),
  fc.record({ op: fc.constant('share' as const), on: fc.boolean() }),
  fc.record({ op: fc.constant('media' as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('revision' as const) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

/** Applies `e` to `b`; playlists list every item, in item order, as the server builds them. */
export function edited(b: ManifestBody, e: Edit): ManifestBody {
  const items: PublishedItem[] = [...b.items];
  const pick = (at: number) => at % Math.max(1, items.length);
  switch (e.op) {
    case 'text':
      if (items.length) items[pick(e.at)] = { ...items[pick(e.at)]!, text: e.text, revision: items[pick(e.at)]!.revision + 1 } as PublishedItem;
      break;
    case 'add':
      if (!items.some((i) => i.id === e.id)) items.splice(pick(e.at), 0, slogan(e.id));
      break;
    case 'remove':
      if (items.length > 1) items.splice(pick(e.at), 1);
      break;
    case 'move':
      if (items.length) items.splice(e.to % items.length, 0, ...items.splice(pick(e.at), 1));
      break;
    case 'schedule':
      return { ...b, schedules: e.on ? [schedule('s1', 'fb', { tier: 'priority' })] : [] };
    case 'share': {
      const { wardShare: _gone, ...rest } = b;
      return e.on ? { ...rest, wardShare: { everyCityItems: 2, maxPercent: 20 } } : rest;
    }
    case 'media':
      return { ...b, media: Array.from({ length: e.n }, (_, i) => medium(i + e.n)) };
    case 'revision':
      return { ...b, revision: b.revision + 1 };
  }
  return { ...b, items, playlists: [playlist('fb', items.map((i) => i.id))] };
}

describe('manifest patches over random edits [P4] [P5]', () => {
  it('always rebuild the next manifest byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 12 }), async (edits) => {
        let current = versioned(body());
        for (const e of edits) {
          const next = versioned(edited(current, e));
          if (next.version === current.version) continue;
          expect(await throughPatch(current, next)).toBe(canonicalJson(next));
          current = next;
        }
      }),
      { numRuns: 150 },
    );
  });
});
