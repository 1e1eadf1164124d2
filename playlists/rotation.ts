import type { PublishedItem } from './content.ts';

/**
 * The arithmetic of a rotation laid out on the wall clock (SCHEDULE.md [S3], [S4], [S9]).
 * Nothing here loops over time: the slot playing at an offset is found by binary search over
 * closed-form prefix sums, so one lookup costs O(sources × log(slots)).
 */

export type Tier = 'fallback' | 'normal' | 'priority' | 'emergency';

/** Stable codes for the rule that picked an item; SCHEDULE.md lists each under its rule. */
export type RuleCode =
  | 'emergency_override'
  | 'priority_window'
  | 'normal_rotation'
  | 'ward_share'
  | 'fallback_rotation'
  | 'nothing_to_play';

/** The SCHEDULE.md rule each code cites. */
export const RULE_REFS: Record<RuleCode, string> = {
  emergency_override: 'S1',
  priority_window: 'S2',
  normal_rotation: 'S3',
  ward_share: 'S4',
  fallback_rotation: 'S7',
  nothing_to_play: 'S7',
};

/** One playlist taking part in a rotation: its playable items in order, and why it plays. */
export interface Source {
  tier: Tier;
  scheduleId: string | null;
  playlistId: string;
  rule: RuleCode;
  /** Playable items in play order; never empty. */
  items: PublishedItem[];
  /** prefix[i]: total duration of items[0..i); prefix[items.length] is the cycle. */
  prefix: number[];
}

export function makeSource(fields: Omit<Source, 'prefix'>): Source {
  const prefix = [0];
  for (const item of fields.items) prefix.push(prefix[prefix.length - 1]! + item.durationMs);
  return { ...fields, prefix };
}

/** Several sources taking turns item by item, in the order given ([S3]). */
export class RoundRobin {
  constructor(readonly sources: Source[]) {}

  get size(): number {
    return this.sources.length;
  }

  /** How many of the first `c` turns fall to source `s`. */
  #turns(s: number, c: number): number {
    return c > s ? Math.floor((c - 1 - s) / this.sources.length) + 1 : 0;
  }

  /** Time taken by `m` items of one source, from its first. */
  #time(source: Source, m: number): number {
    const n = source.items.length;
    return Math.floor(m / n) * source.prefix[n]! + source.prefix[m % n]!;
  }

  /** Time taken by the first `c` items of the stream. */
  timeBefore(c: number): number {
    let sum = 0;
    for (let s = 0; s < this.sources.length; s++) sum += this.#time(this.sources[s]!, this.#turns(s, c));
    return sum;
  }

  at(j: number): { source: Source; item: PublishedItem } {
    const k = this.sources.length;
    const source = this.sources[j % k]!;
    return { source, item: source.items[Math.floor(j / k) % source.items.length]! };
  }

  /** Mean item duration over whole cycles of every source. */
  meanDuration(): number {
    let sum = 0;
    for (const s of this.sources) sum += s.prefix[s.items.length]! / s.items.length;
    return sum / this.sources.length;
  }

  /** Airtime of each source over the first `c` items. */
  addTimeBySource(c: number, into: Map<Source, number>): void {
    this.sources.forEach((source, s) => {
      const t = this.#time(source, this.#turns(s, c));
      if (t > 0) into.set(source, (into.get(source) ?? 0) + t);
    });
  }

  minDuration(): number {
    let min = Infinity;
    for (const s of this.sources) for (const item of s.items) min = Math.min(min, item.durationMs);
    return min;
  }
}

export interface Slot {
  index: number;
  /** Offsets from the start of the rotation. */
  start: number;
  end: number;
  source: Source;
  item: PublishedItem;
}

/**
 * A city stream with local items inserted: `every` city items, then one local item ([S4]).
 * Either stream may be missing; then the other plays alone.
 */
export class Rotation {
  readonly #min: number;

  constructor(
    readonly city: RoundRobin | null,
    readonly local: RoundRobin | null,
    readonly every: number,
  ) {
    this.#min = Math.min(city?.minDuration() ?? Infinity, local?.minDuration() ?? Infinity);
  }

  /** Items of each stream before slot `q`. */
  #counts(q: number): [city: number, local: number] {
    if (!this.local) return [q, 0];
    if (!this.city) return [0, q];
    const block = this.every + 1;
    const b = Math.floor(q / block);
    return [b * this.every + (q % block), b];
  }

  timeBefore(q: number): number {
    const [c, l] = this.#counts(q);
    return (this.city ? this.city.timeBefore(c) : 0) + (this.local ? this.local.timeBefore(l) : 0);
  }

  slotAt(q: number): Slot {
    const [c, l] = this.#counts(q);
    const isLocal = !this.city || (this.local !== null && q % (this.every + 1) === this.every);
    const { source, item } = isLocal ? this.local!.at(l) : this.city!.at(c);
    const start = this.timeBefore(q);
    return { index: q, start, end: start + item.durationMs, source, item };
  }

  /** The slot playing at `offset` ms after the rotation's anchor. */
  locate(offset: number): Slot {
    let lo = 0;
    let hi = Math.floor(offset / this.#min) + 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.timeBefore(mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.slotAt(lo);
  }

  /** Airtime per source from the anchor to `offset`. */
  airtimeUntil(offset: number): Map<Source, number> {
    const out = new Map<Source, number>();
    if (offset <= 0) return out;
    const slot = this.locate(offset);
    const [c, l] = this.#counts(slot.index);
    this.city?.addTimeBySource(c, out);
    this.local?.addTimeBySource(l, out);
    out.set(slot.source, (out.get(slot.source) ?? 0) + (offset - slot.start));
    return out;
  }
}

/**
 * How many city items come between two local items: at least `every`, raised until the local
 * items' long-run share of airtime is at most `maxPercent` ([S4]). Infinity: no local items.
 */
export function effectiveEvery(city: RoundRobin, local: RoundRobin, every: number, maxPercent: number): number {
  if (maxPercent <= 0) return Infinity;
  const need = (local.meanDuration() * (100 - maxPercent)) / (maxPercent * city.meanDuration());
  return Math.max(every, Math.ceil(need - 1e-9));
}
