import type { PublishedItem } from './content.ts';
import { countdownEndsAt } from './countdown.ts';
import type { ManifestBody } from './manifest.ts';
import type { Playlist } from './playlist.ts';
import {
  DEFAULT_WARD_SHARE,
  dayNumberOf,
  dayStart,
  weekdayOf,
  windowMinutes,
  type Schedule,
  type WardShare,
} from './schedule.ts';
import { MINUTE_MS } from './time.ts';

/** What the resolver reads from a manifest. Schedules and the ward share may be absent. */
export type Resolvable = Pick<ManifestBody, 'items' | 'playlists' | 'fallback'> &
  Partial<Pick<ManifestBody, 'schedules' | 'wardShare' | 'media'>>;

export const TIER_RANK = { fallback: 0, normal: 1, priority: 2, emergency: 3 } as const;

/** One run of a schedule: a daily window on one date, clipped by startsAt/endsAt ([S11]). */
export interface Instance {
  schedule: PreparedSchedule;
  start: number;
  end: number;
}

export interface PreparedSchedule {
  schedule: Schedule;
  rank: number;
  firstDay: number;
  /** Exclusive; Infinity when open-ended. */
  endDay: number;
  weekdays: boolean[];
  /** Minutes after local midnight; an end past 1440 crosses midnight. */
  spans: [number, number][];
  startsAt: number;
  endsAt: number;
}

/** An item is playable in [from, until): its validity, and a one-shot countdown's end ([S5]). */
export interface Validity {
  from: number;
  until: number;
}

export interface Prepared {
  manifest: Resolvable;
  items: Map<string, PublishedItem>;
  validity: Map<string, Validity>;
  playlists: Map<string, Playlist>;
  /** Sorted by id: the order in which schedules of one tier take turns ([S3], [S8]). */
  schedules: PreparedSchedule[];
  share: WardShare;
  /** Instances by local day number, filled on demand. */
  days: Map<number, Instance[]>;
}

const cache = new WeakMap<Resolvable, Prepared>();

/**
 * A video that plays to its end lasts as long as its probed clip (DESIGN.md: the resolver), so
 * server and player lay out the same rotation; without a probed length its `durationMs` stands.
 */
export function withPlayedDuration(item: PublishedItem, media: ManifestBody['media'] | undefined): PublishedItem {
  if (item.kind !== 'video' || !item.playToEnd) return item;
  const clip = media?.find((m) => m.id === item.media);
  return clip?.durationMs ? { ...item, durationMs: clip.durationMs } : item;
}

/** Indexes a manifest once; manifests are treated as immutable values. */
export function prepare(manifest: Resolvable): Prepared {
  const hit = cache.get(manifest);
  if (hit) return hit;
  const validity = new Map<string, Validity>();
  for (const item of manifest.items) {
    const from = item.validFrom ? Date.parse(item.validFrom) : -Infinity;
    let until = item.validUntil ? Date.parse(item.validUntil) : Infinity;
    if (item.kind === 'countdown') until = Math.min(until, countdownEndsAt(item) ?? Infinity);
    validity.set(item.id, { from, until });
  }
  const prepared: Prepared = {
    manifest,
    items: new Map(manifest.items.map((i) => [i.id, withPlayedDuration(i, manifest.media)])),
    validity,
    playlists: new Map(manifest.playlists.map((p) => [p.id, p])),
    schedules: [...(manifest.schedules ?? [])]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(prepareSchedule),
    share: manifest.wardShare ?? DEFAULT_WARD_SHARE,
    days: new Map(),
  };
  cache.set(manifest, prepared);
  return prepared;
}

function prepareSchedule(schedule: Schedule): PreparedSchedule {
  const rule = schedule.time;
  const weekdays = Array.from({ length: 7 }, (_, d) => rule.weekdays.includes(d));
  return {
    schedule,
    rank: TIER_RANK[schedule.tier],
    firstDay: dayNumberOf(rule.startDate),
    endDay: rule.endDate === null ? Infinity : dayNumberOf(rule.endDate),
    weekdays,
    spans: rule.windows.length ? rule.windows.map(windowMinutes) : [[0, 1440]],
    startsAt: rule.startsAt ? Date.parse(rule.startsAt) : -Infinity,
    endsAt: rule.endsAt ? Date.parse(rule.endsAt) : Infinity,
  };
}

/** Every schedule's runs that start on local day `day`. */
export function instancesOn(p: Prepared, day: number): Instance[] {
  const hit = p.days.get(day);
  if (hit) return hit;
  const out: Instance[] = [];
  const midnight = dayStart(day);
  for (const s of p.schedules) {
    if (day < s.firstDay || day >= s.endDay || !s.weekdays[weekdayOf(day)]) continue;
    for (const [a, b] of s.spans) {
      const start = Math.max(midnight + a * MINUTE_MS, s.startsAt);
      const end = Math.min(midnight + b * MINUTE_MS, s.endsAt);
      if (start < end) out.push({ schedule: s, start, end });
    }
  }
  if (p.days.size > 64) p.days.clear();
  p.days.set(day, out);
  return out;
}

export function isPlayableAt(p: Prepared, itemId: string, at: number): boolean {
  const v = p.validity.get(itemId);
  return v !== undefined && v.from <= at && at < v.until;
}

/** The playable items of a playlist at `at`, in order (missing ids skipped). */
export function playableItems(p: Prepared, playlistId: string | null, at: number): PublishedItem[] {
  const playlist = playlistId === null ? undefined : p.playlists.get(playlistId);
  if (!playlist) return [];
  const out: PublishedItem[] = [];
  for (const id of playlist.itemIds) {
    const item = p.items.get(id);
    if (item && isPlayableAt(p, id, at)) out.push(item);
  }
  return out;
}

/**
 * Instants within [from, to) at which an item of the playlist starts or stops being playable:
 * only while the playlist is drawn from does its items' validity change the rotation ([S9]).
 */
export function itemBoundaries(p: Prepared, playlistId: string | null, into: number[], from = -Infinity, to = Infinity): void {
  const playlist = playlistId === null ? undefined : p.playlists.get(playlistId);
  if (!playlist) return;
  const within = (x: number) => x > from && x < to;
  for (const id of playlist.itemIds) {
    const v = p.validity.get(id);
    if (!v) continue;
    if (v.from !== -Infinity && within(v.from)) into.push(v.from);
    if (v.until !== Infinity && within(v.until)) into.push(v.until);
  }
}
