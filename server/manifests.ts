import { DAY_MS, HORIZON_DAYS, MANIFEST_FORMAT, startOfLocalDay, toLocalIso } from '../playlists/index.ts';
import type { Manifest, ManifestBody, ScreenSettings } from '../playlists/index.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';
import type { Clock } from './clock.ts';
import type { RevisionRepo } from './repos/revisions.ts';

export interface BuiltManifest {
  manifest: Manifest;
  version: string;
  /** The `manifest` frame, serialised once and sent as is to every screen of the audience. */
  frame: Buffer;
}

/** Screens with the same audience get the same manifest bytes. */
export type AudienceKey = string;

/**
 * Builds one manifest per audience from the latest published revision. Today every screen
 * shares the city's default playlist; schedules and per-screen fallbacks will split audiences.
 */
export class ManifestBuilder {
  readonly #cache = new Map<string, BuiltManifest>();

  constructor(private readonly deps: { revisions: RevisionRepo; clock: Clock }) {}

  audienceOf(_screen: ScreenSettings): AudienceKey {
    return 'city';
  }

  forAudience(audience: AudienceKey): BuiltManifest {
    const { number, snapshot } = this.deps.revisions.latest();
    const from = startOfLocalDay(this.deps.clock.now());
    const key = `${number}|${audience}|${from}`;
    const cached = this.#cache.get(key);
    if (cached) return cached;

    const playlist = snapshot.playlists.find((p) => p.id === snapshot.defaultPlaylistId);
    const wanted = new Set(playlist?.itemIds ?? []);
    const body: ManifestBody = {
      format: MANIFEST_FORMAT,
      revision: number,
      horizon: { from: toLocalIso(from), until: toLocalIso(from + HORIZON_DAYS * DAY_MS) },
      items: snapshot.items.filter((i) => wanted.has(i.id)),
      playlists: playlist ? [playlist] : [],
      schedules: [],
      fallback: { playlistId: playlist?.id ?? null },
      media: [],
    };
    const version = sha256Hex(canonicalJson(body)).slice(0, 32);
    const manifest: Manifest = { ...body, version };
    const built = { manifest, version, frame: Buffer.from(JSON.stringify({ type: 'manifest', manifest })) };
    this.#cache.clear();
    this.#cache.set(key, built);
    return built;
  }
}
