import type { PublishedItem } from './content.ts';
import { countdownStage } from './countdown.ts';
import {
  TIER_RANK,
  instancesOn,
  itemBoundaries,
  playableItems,
  prepare,
  type Instance,
  type Prepared,
  type Resolvable,
} from './prepare.ts';
import { RoundRobin, Rotation, effectiveEvery, makeSource, type RuleCode, type Source, type Tier } from './rotation.ts';
import { dayNumberAt, dayStart, type Zone } from './schedule.ts';

export { RULE_REFS, type RuleCode, type Tier } from './rotation.ts';
export type { Resolvable } from './prepare.ts';

export interface Reason {
  tier: Tier;
  scheduleId: string | null;
  /** A stable code for the rule that picked the item; SCHEDULE.md cites it (see RULE_REFS). */
  rule: RuleCode;
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
  /** Present when the manifest schedules anything for the ticker strip ([S13]). */
  ticker?: ZonePlay;
}

/** Whether an item may be on screen at `at`: its validity window and, for countdowns, its stage. */
export function isPlayable(item: PublishedItem, at: number): boolean {
  if (item.validFrom && at < Date.parse(item.validFrom)) return false;
  if (item.validUntil && at >= Date.parse(item.validUntil)) return false;
  if (item.kind === 'countdown' && countdownStage(item, at).stage === 'over') return false;
  return true;
}

/**
 * What is on screen at `at` in each zone, since when, what comes next, and why. Pure and
 * anchored to the wall clock (playlists/SCHEDULE.md): the server and every player compute the
 * same answer for the same manifest and instant. Manifests are treated as immutable values.
 */
export function resolve(manifest: Resolvable, at: number): Resolution {
  const p = prepare(manifest);
  const out: Resolution = { at, main: playAt(p, 'main', at, true) };
  if (p.schedules.some((s) => s.schedule.zone === 'ticker')) out.ticker = playAt(p, 'ticker', at, true);
  return out;
}

/** A stretch of time in which one zone's rotation is fixed, laid out from `start` ([S9]). */
export interface Segment {
  zone: Zone;
  /** The tier that plays; 'fallback' also when nothing does. */
  tier: Tier;
  start: number;
  end: number;
  /** null: nothing playable ([S7]). */
  rotation: Rotation | null;
  /** Schedules of the playing tier that run in this segment, in turn order. */
  scheduleIds: string[];
  /** The ward share rule held local items back, or they play with no city items ([S4]). */
  wardOverShare: boolean;
  /** The fallback playlist, when the zone has one. */
  fallbackPlaylistId: string | null;
}

/** The segment of `zone` that contains `at`. */
export function segmentAt(manifest: Resolvable, zone: Zone, at: number): Segment {
  return findSegment(prepare(manifest), zone, at);
}

interface TierPlan {
  tier: Tier;
  rotation: Rotation | null;
  scheduleIds: string[];
  usesFallback: boolean;
  wardOverShare: boolean;
}

const SCHEDULED_TIERS = ['emergency', 'priority', 'normal'] as const;
const RULE_OF = { emergency: 'emergency_override', priority: 'priority_window', normal: 'normal_rotation' } as const;

function findSegment(p: Prepared, zone: Zone, at: number): Segment {
  const day = dayNumberAt(at);
  const runs: Instance[] = [];
  // A run that started up to two days earlier may still be going (windows cross midnight).
  for (let d = day - 2; d <= day + 1; d++) {
    for (const run of instancesOn(p, d)) if (run.schedule.schedule.zone === zone) runs.push(run);
  }
  const active = runs.filter((r) => r.start <= at && at < r.end);
  const fallbackId = zone === 'main' ? p.manifest.fallback.playlistId : null;

  let plan: TierPlan | null = null;
  for (const tier of SCHEDULED_TIERS) {
    plan = planTier(p, tier, active, at, fallbackId);
    if (plan) break;
  }
  plan ??= {
    tier: 'fallback',
    rotation: fallbackRotation(p, fallbackId, at),
    scheduleIds: [],
    usesFallback: true,
    wardOverShare: false,
  };

  // The rotation restarts wherever what it draws from may change ([S9]).
  const rank = TIER_RANK[plan.tier];
  const points: number[] = [];
  for (const run of runs) {
    if (run.schedule.rank < rank) continue;
    points.push(run.start, run.end);
    // An item's validity changes the rotation only while its run draws from it: a boundary of a
    // run long over would restart it, and only while that run is among those looked at.
    itemBoundaries(p, run.schedule.schedule.playlistId, points, run.start, run.end);
  }
  if (plan.usesFallback) {
    points.push(dayStart(day), dayStart(day + 1));
    itemBoundaries(p, fallbackId, points, dayStart(day), dayStart(day + 1));
  }
  let start = -Infinity;
  let end = Infinity;
  for (const x of points) {
    if (x <= at) start = Math.max(start, x);
    else end = Math.min(end, x);
  }
  return {
    zone,
    tier: plan.tier,
    start,
    end,
    rotation: plan.rotation,
    scheduleIds: plan.scheduleIds,
    wardOverShare: plan.wardOverShare,
    fallbackPlaylistId: fallbackId !== null && p.playlists.has(fallbackId) ? fallbackId : null,
  };
}

function fallbackRotation(p: Prepared, playlistId: string | null, at: number): Rotation | null {
  const source = fallbackSource(p, playlistId, at);
  return source ? new Rotation(new RoundRobin([source]), null, 1) : null;
}

function fallbackSource(p: Prepared, playlistId: string | null, at: number): Source | null {
  const items = playableItems(p, playlistId, at);
  if (!items.length || playlistId === null) return null;
  return makeSource({ tier: 'fallback', scheduleId: null, playlistId, rule: 'fallback_rotation', items });
}

/** The rotation of one tier at `at`, or null when the tier has nothing playable ([S6]). */
function planTier(p: Prepared, tier: (typeof SCHEDULED_TIERS)[number], active: Instance[], at: number, fallbackId: string | null): TierPlan | null {
  const rank = TIER_RANK[tier];
  const seen = new Set<string>();
  const mine = active
    .filter((r) => r.schedule.rank === rank)
    .map((r) => r.schedule.schedule)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((s) => !seen.has(s.id) && seen.add(s.id));
  if (!mine.length) return null;

  const city: Source[] = [];
  const local: Source[] = [];
  for (const s of mine) {
    const items = playableItems(p, s.playlistId, at);
    if (!items.length) continue;
    const isLocal = tier === 'normal' && s.ownerWard !== null;
    const rule: RuleCode = isLocal ? 'ward_share' : RULE_OF[tier];
    (isLocal ? local : city).push(makeSource({ tier, scheduleId: s.id, playlistId: s.playlistId, rule, items }));
  }
  let usesFallback = false;
  if (!city.length && local.length) {
    // Local items are inserted into the city rotation; with no city schedule, that is the fallback.
    const fb = fallbackSource(p, fallbackId, at);
    if (fb) city.push(fb);
    usesFallback = true;
  }
  if (!city.length && !local.length) return null;

  const cityRR = city.length ? new RoundRobin(city) : null;
  let localRR = local.length ? new RoundRobin(local) : null;
  let every = p.share.everyCityItems;
  let wardOverShare = localRR !== null && cityRR === null;
  if (cityRR && localRR) {
    const effective = effectiveEvery(cityRR, localRR, every, p.share.maxPercent);
    wardOverShare = effective > every;
    if (effective === Infinity) localRR = null;
    else every = effective;
  }
  return {
    tier,
    rotation: new Rotation(cityRR, localRR, every),
    scheduleIds: mine.map((s) => s.id),
    usesFallback,
    wardOverShare,
  };
}

function playAt(p: Prepared, zone: Zone, at: number, withNext: boolean): ZonePlay {
  const seg = findSegment(p, zone, at);
  const nextAt = (t: number): ZonePlay['next'] => ({ itemId: withNext ? playAt(p, zone, t, false).item?.id ?? null : null, at: t });
  if (!seg.rotation) {
    return {
      item: null,
      playlistId: seg.fallbackPlaylistId,
      since: seg.start,
      until: seg.end,
      next: nextAt(seg.end),
      reason: { tier: 'fallback', scheduleId: null, rule: 'nothing_to_play' },
    };
  }
  const slot = seg.rotation.locate(at - seg.start);
  const since = seg.start + slot.start;
  const until = Math.min(seg.start + slot.end, seg.end);
  const next = until < seg.end ? { itemId: seg.rotation.slotAt(slot.index + 1).item.id, at: until } : nextAt(seg.end);
  const { source } = slot;
  return {
    item: slot.item,
    playlistId: source.playlistId,
    since,
    until,
    next,
    reason: { tier: source.tier, scheduleId: source.scheduleId, rule: source.rule },
  };
}
