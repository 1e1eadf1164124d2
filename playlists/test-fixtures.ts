// Fixtures for the scheduling tests (not part of any bundle).
import type { PublishedItem } from './content.ts';
import type { Playlist } from './playlist.ts';
import type { Resolvable } from './prepare.ts';
import { resolve } from './resolve.ts';
import { Schedule, type ScheduleInput, type WardShare } from './schedule.ts';

export const SECOND = 1_000;
export const at = (iso: string) => Date.parse(iso);
/** `2026-10-04T08:00` local → ms. */
export const local = (dateTime: string) => Date.parse(`${dateTime}:00+07:00`);

export function slogan(id: string, durationMs = 10 * SECOND, extra: Partial<PublishedItem> = {}): PublishedItem {
  return { id, revision: 1, kind: 'slogan', theme: 1, durationMs, text: `Khẩu hiệu ${id}`, ...extra } as PublishedItem;
}

export const playlist = (id: string, itemIds: string[]): Playlist => ({ id, name: `Danh sách ${id}`, itemIds });

/** A parsed schedule: all screens, every day, all day, normal tier, unless overridden. */
export function schedule(id: string, playlistId: string, over: Partial<ScheduleInput> & { time?: Partial<ScheduleInput['time']> } = {}): Schedule {
  const { time, ...rest } = over;
  return Schedule.parse({
    id,
    name: `Lịch ${id}`,
    playlistId,
    target: { all: true },
    ...rest,
    time: { startDate: '2026-01-01', ...time },
  });
}

/**
 * A manifest of the given items and playlists; playlist `fb` is the fallback when present.
 * Items and playlists are deduplicated by id, so fixtures can be composed.
 */
export function manifest(parts: { items: PublishedItem[]; playlists: Playlist[]; schedules?: Schedule[]; wardShare?: WardShare; fallback?: string | null }): Resolvable {
  const items = [...new Map(parts.items.map((i) => [i.id, i])).values()];
  const playlists = [...new Map(parts.playlists.map((p) => [p.id, p])).values()];
  return {
    items,
    playlists,
    schedules: parts.schedules ?? [],
    fallback: { playlistId: parts.fallback === undefined ? 'fb' : parts.fallback },
    ...(parts.wardShare ? { wardShare: parts.wardShare } : {}),
  };
}

export interface Played {
  itemId: string | null;
  scheduleId: string | null;
  tier: string;
  rule: string;
  since: number;
  until: number;
}

/** Walks the main zone slot by slot from `from` to `to`, as a player would. */
export function walk(m: Resolvable, from: number, to: number): Played[] {
  const out: Played[] = [];
  let t = from;
  while (t < to) {
    const main = resolve(m, t).main;
    out.push({ itemId: main.item?.id ?? null, scheduleId: main.reason.scheduleId, tier: main.reason.tier, rule: main.reason.rule, since: main.since, until: main.until });
    if (main.until <= t) throw new Error(`no progress at ${t}`);
    t = main.until;
  }
  return out;
}

export const ids = (played: Played[]) => played.map((p) => p.itemId);
