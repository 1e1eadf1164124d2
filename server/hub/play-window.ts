import { DAY_MS, targets, type MediaInfo, type PublishedItem, type Schedule, type Zone } from '../../playlists/index.ts';
import type { AudienceScreen } from '../publishing/manifests.ts';
import type { PlayBasisRepo } from '../repos/play-basis.ts';
import type { Snapshot } from '../publishing/snapshot.ts';

/**
 * Plays are accepted for items of revisions on air within this window. Players queue plays
 * while offline (up to 5,000, days of them at long slots), so it is generous.
 */
export const PLAY_WINDOW_MS = 30 * DAY_MS;
/** At most this many revisions published within the window are read, the newest. */
export const MAX_WINDOW_REVISIONS = 200;

type Targeting = Pick<Schedule, 'target' | 'ownerWard'>;

/** One revision, reduced to what play checks read. Revisions are immutable, so it is cached by number. */
interface Digest {
  publishedAt: number;
  /** `itemId#revision` → slot length (a played-to-end video lasts as long as its clip). */
  slots: Map<string, number>;
  playlists: Map<string, string[]>;
  schedules: { id: string; targeting: Targeting; zone: Zone; playlistId: string }[];
  defaultPlaylistId: string | null;
}

/** Where one item (at one revision) could reach screens within the window. */
interface Reach {
  slotMs: number;
  /** In a city default playlist: any screen may have played it as its fallback. */
  everywhere: boolean;
  /** The playlists it was in (a screen's own fallback may be one of them). */
  playlists: Set<string>;
  /** The targeting of schedules that played it, deduplicated. */
  targetings: Map<string, Targeting>;
}

export const playKey = (itemId: string, revision: number) => `${itemId}#${revision}`;

/**
 * What screens may have been sent within the window: each item (at each revision) with its slot
 * length and the schedules and playlists that carried it, so that a play is checked against the
 * manifests its own screen could have had — without remembering what was sent to each screen,
 * and the same after a restart. Targeting is judged by the screen as it is now.
 */
export class PlayWindow {
  readonly #reach = new Map<string, Reach>();
  /** Each schedule's zone, so plays of the main zone and of the ticker strip are told apart. */
  readonly zones = new Map<string, Zone>();
  readonly #publishedAt = new Map<number, number>();

  constructor(
    readonly stamp: string,
    /** The window's start. */
    readonly from: number,
    digests: ReadonlyMap<number, Digest>,
    private readonly basis: Pick<PlayBasisRepo, 'publishedAt'>,
  ) {
    // Oldest first, so a schedule's latest zone wins.
    for (const [number, d] of [...digests].sort((a, b) => a[0] - b[0])) {
      this.#publishedAt.set(number, d.publishedAt);
      const reachOf = (key: string) => {
        let r = this.#reach.get(key);
        if (!r) this.#reach.set(key, (r = { slotMs: 0, everywhere: false, playlists: new Set(), targetings: new Map() }));
        r.slotMs = Math.max(r.slotMs, d.slots.get(key) ?? 0);
        return r;
      };
      for (const [playlistId, keys] of d.playlists) {
        for (const key of keys) {
          const r = reachOf(key);
          r.playlists.add(playlistId);
          if (playlistId === d.defaultPlaylistId) r.everywhere = true;
        }
      }
      for (const s of d.schedules) {
        this.zones.set(s.id, s.zone);
        const targetingKey = JSON.stringify([s.targeting.target, s.targeting.ownerWard]);
        for (const key of d.playlists.get(s.playlistId) ?? []) reachOf(key).targetings.set(targetingKey, s.targeting);
      }
    }
  }

  /** The item's slot length if this screen could have been sent it within the window. */
  slotFor(itemId: string, revision: number, screen: AudienceScreen): number | null {
    const r = this.#reach.get(playKey(itemId, revision));
    if (!r) return null;
    const own = screen.fallbackPlaylistId ?? null;
    const reaches = r.everywhere || (own !== null && r.playlists.has(own)) || [...r.targetings.values()].some((t) => targets(t, screen));
    return reaches ? r.slotMs : null;
  }

  /** When a revision was published (also one older than the window, whose items still play). */
  publishedAt(revision: number): number | undefined {
    if (!this.#publishedAt.has(revision)) {
      const at = this.basis.publishedAt(revision);
      if (at === undefined) return undefined;
      this.#publishedAt.set(revision, at);
    }
    return this.#publishedAt.get(revision);
  }
}

/** Builds the window when revisions or the hour change; digests of revisions are kept across builds. */
export class PlayWindows {
  readonly #digests = new Map<number, Digest>();
  #current: PlayWindow | null = null;

  constructor(private readonly deps: { basis: PlayBasisRepo; media: { infos(ids: Iterable<string>): MediaInfo[] } }) {}

  at(now: number): PlayWindow {
    const hour = Math.floor(now / 3_600_000);
    const stamp = `${this.deps.basis.latestNumber()}|${hour}`;
    if (this.#current?.stamp === stamp) return this.#current;
    const from = hour * 3_600_000 - PLAY_WINDOW_MS;
    const wanted = new Map<number, Digest>();
    for (const { number, publishedAt } of this.deps.basis.onAirSince(from, MAX_WINDOW_REVISIONS)) {
      const digest = this.#digests.get(number) ?? this.#digest(number, publishedAt);
      if (digest) wanted.set(number, digest);
    }
    // Keep only what the window uses: old revisions leave it and are not read again.
    this.#digests.clear();
    for (const [number, digest] of wanted) this.#digests.set(number, digest);
    this.#current = new PlayWindow(stamp, from, wanted, this.deps.basis);
    return this.#current;
  }

  #digest(number: number, publishedAt: number): Digest | undefined {
    const snapshot = this.deps.basis.snapshot(number);
    return snapshot && digestOf(snapshot, publishedAt, this.deps.media);
  }
}

function digestOf(snapshot: Snapshot, publishedAt: number, media: { infos(ids: Iterable<string>): MediaInfo[] }): Digest {
  const clips = snapshot.items.filter((i): i is Extract<PublishedItem, { kind: 'video' }> => i.kind === 'video' && i.playToEnd);
  const clipMs = new Map(media.infos(new Set(clips.map((c) => c.media))).map((m) => [m.id, m.durationMs]));
  const slots = new Map<string, number>();
  const keyOf = new Map<string, string>();
  for (const item of snapshot.items) {
    const key = playKey(item.id, item.revision);
    const clip = item.kind === 'video' && item.playToEnd ? clipMs.get(item.media) : null;
    slots.set(key, clip ?? item.durationMs);
    keyOf.set(item.id, key);
  }
  const playlists = new Map(snapshot.playlists.map((p) => [p.id, p.itemIds.flatMap((id) => keyOf.get(id) ?? [])]));
  return {
    publishedAt,
    slots,
    playlists,
    schedules: (snapshot.schedules ?? []).map((s) => ({
      id: s.id, targeting: { target: s.target, ownerWard: s.ownerWard }, zone: s.zone, playlistId: s.playlistId,
    })),
    defaultPlaylistId: snapshot.defaultPlaylistId,
  };
}
