import type { PublishedItem } from './content.ts';
import { countdownEndsAt, countdownStage } from './countdown.ts';
import type { ManifestBody } from './manifest.ts';
import { DAY_MS, startOfLocalDay } from './time.ts';

export type Tier = 'fallback' | 'normal' | 'priority' | 'emergency';

export interface Reason {
  tier: Tier;
  scheduleId: string | null;
  /** A stable code for the rule that picked the item (see SCHEDULE.md once schedules exist). */
  rule: 'fallback_rotation' | 'nothing_to_play';
}

export interface ZonePlay {
  /** The item on screen, or null when nothing is playable (the player shows its idle screen). */
  item: PublishedItem | null;
  playlistId: string | null;
  /** When this item's slot began and ends (ms since epoch). */
  since: number;
  until: number;
  next: { itemId: string | null; at: number };
  reason: Reason;
}

export interface Resolution {
  at: number;
  main: ZonePlay;
}

type Resolvable = Pick<ManifestBody, 'items' | 'playlists' | 'fallback'>;

/** Whether an item may be on screen at `at`: its validity window and, for countdowns, its stage. */
export function isPlayable(item: PublishedItem, at: number): boolean {
  if (item.validFrom && at < Date.parse(item.validFrom)) return false;
  if (item.validUntil && at >= Date.parse(item.validUntil)) return false;
  if (item.kind === 'countdown' && countdownStage(item, at).stage === 'over') return false;
  return true;
}

/** Instants at which an item starts or stops being playable. */
function boundaries(item: PublishedItem): number[] {
  const out: number[] = [];
  if (item.validFrom) out.push(Date.parse(item.validFrom));
  if (item.validUntil) out.push(Date.parse(item.validUntil));
  if (item.kind === 'countdown') {
    const end = countdownEndsAt(item);
    if (end !== null) out.push(end);
  }
  return out;
}

/**
 * What is on screen at `at`, since when, what comes next, and why. Pure and anchored to the
 * wall clock: a rotation is laid out from the start of the segment it runs in (local midnight,
 * or the last instant at which the set of playable items changed), using item durations. So
 * the server and every player compute the same answer for the same manifest and instant.
 */
export function resolve(manifest: Resolvable, at: number): Resolution {
  return { at, main: resolveRotation(manifest, at, true) };
}

function resolveRotation(manifest: Resolvable, at: number, withNext: boolean): ZonePlay {
  const dayStart = startOfLocalDay(at);
  const playlistId = manifest.fallback.playlistId;
  const playlist = manifest.playlists.find((p) => p.id === playlistId);
  const byId = new Map(manifest.items.map((i) => [i.id, i]));
  const entries = (playlist?.itemIds ?? []).flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });

  let segStart = dayStart;
  let segEnd = dayStart + DAY_MS;
  for (const item of entries) {
    for (const b of boundaries(item)) {
      if (b <= at && b > segStart) segStart = b;
      if (b > at && b < segEnd) segEnd = b;
    }
  }

  const playable = entries.filter((item) => isPlayable(item, at));
  const total = playable.reduce((sum, item) => sum + item.durationMs, 0);
  if (total === 0) {
    return {
      item: null,
      playlistId: playlist?.id ?? null,
      since: segStart,
      until: segEnd,
      next: nextAt(manifest, segEnd, withNext),
      reason: { tier: 'fallback', scheduleId: null, rule: 'nothing_to_play' },
    };
  }

  const cycleStart = segStart + Math.floor((at - segStart) / total) * total;
  let since = cycleStart;
  let index = 0;
  while (since + playable[index]!.durationMs <= at) {
    since += playable[index]!.durationMs;
    index += 1;
  }
  const item = playable[index]!;
  const until = Math.min(since + item.durationMs, segEnd);
  const next =
    until < segEnd
      ? { itemId: playable[(index + 1) % playable.length]!.id, at: until }
      : nextAt(manifest, until, withNext);
  return {
    item,
    playlistId: playlist!.id,
    since,
    until,
    next,
    reason: { tier: 'fallback', scheduleId: null, rule: 'fallback_rotation' },
  };
}

function nextAt(manifest: Resolvable, at: number, withNext: boolean): ZonePlay['next'] {
  if (!withNext) return { itemId: null, at };
  return { itemId: resolveRotation(manifest, at, false).item?.id ?? null, at };
}
