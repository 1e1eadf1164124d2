import type { Resolvable } from './prepare.ts';
import { resolve, segmentAt, type Reason, type Segment } from './resolve.ts';
import type { RuleCode, Tier } from './rotation.ts';
import type { Zone } from './schedule.ts';
import { HOUR_MS } from './time.ts';

/**
 * Hour-by-hour explanation of what a manifest plays (SCHEDULE.md, "Timeline flags"). It walks
 * the resolver's own segments and rotations, so it says exactly what `resolve` would answer
 * slot by slot, at the cost of a few lookups per hour.
 */

export const TIMELINE_FLAGS = ['ward_over_share', 'fallback_only', 'nothing_to_play', 'priority_overlap'] as const;
export type TimelineFlag = (typeof TIMELINE_FLAGS)[number];

export interface TimelinePlay {
  tier: Tier;
  scheduleId: string | null;
  playlistId: string | null;
  rule: RuleCode;
  airtimeMs: number;
}

export interface TimelineBlock {
  start: number;
  end: number;
  /** What is on screen as the block starts. */
  first: { itemId: string | null; since: number; reason: Reason };
  /** Airtime by source, largest first. */
  plays: TimelinePlay[];
  flags: TimelineFlag[];
}

export function timeline(manifest: Resolvable, from: number, hours: number, zone: Zone = 'main'): TimelineBlock[] {
  const blocks: TimelineBlock[] = [];
  let seg = segmentAt(manifest, zone, from);
  let cursor = from;
  for (let h = 0; h < hours; h++) {
    const start = from + h * HOUR_MS;
    const end = start + HOUR_MS;
    const plays = new Map<string, TimelinePlay>();
    const flags = new Set<TimelineFlag>();
    while (cursor < end) {
      if (cursor >= seg.end) seg = segmentAt(manifest, zone, cursor);
      const upTo = Math.min(seg.end, end);
      addAirtime(seg, cursor, upTo, plays);
      if (seg.wardOverShare) flags.add('ward_over_share');
      if (seg.tier === 'priority' && seg.scheduleIds.length > 1) flags.add('priority_overlap');
      cursor = upTo;
    }
    const list = [...plays.values()].sort((a, b) => b.airtimeMs - a.airtimeMs);
    if (list.some((p) => p.rule === 'nothing_to_play')) flags.add('nothing_to_play');
    if (!list.some((p) => p.scheduleId !== null) && list.some((p) => p.rule === 'fallback_rotation')) flags.add('fallback_only');
    const at = zone === 'main' ? resolve(manifest, start).main : resolve(manifest, start).ticker;
    blocks.push({
      start,
      end,
      first: { itemId: at?.item?.id ?? null, since: at?.since ?? start, reason: at?.reason ?? { tier: 'fallback', scheduleId: null, rule: 'nothing_to_play' } },
      plays: list,
      flags: TIMELINE_FLAGS.filter((f) => flags.has(f)),
    });
  }
  return blocks;
}

function addAirtime(seg: Segment, a: number, b: number, into: Map<string, TimelinePlay>): void {
  if (b <= a) return;
  const add = (play: Omit<TimelinePlay, 'airtimeMs'>, ms: number) => {
    if (ms <= 0) return;
    const key = `${play.tier}|${play.scheduleId}|${play.playlistId}|${play.rule}`;
    const entry = into.get(key);
    if (entry) entry.airtimeMs += ms;
    else into.set(key, { ...play, airtimeMs: ms });
  };
  if (!seg.rotation) {
    add({ tier: 'fallback', scheduleId: null, playlistId: null, rule: 'nothing_to_play' }, b - a);
    return;
  }
  const before = seg.rotation.airtimeUntil(a - seg.start);
  for (const [source, ms] of seg.rotation.airtimeUntil(b - seg.start)) {
    add({ tier: source.tier, scheduleId: source.scheduleId, playlistId: source.playlistId, rule: source.rule }, ms - (before.get(source) ?? 0));
  }
}
