import { resolve, type Manifest, type PublishedItem, type Zone, type ZonePlay } from '../playlists/player.ts';
import { browserTimers, type Timers } from './clock.ts';

/**
 * Longest single wait. Timers run on the monotonic clock while the schedule is on the wall
 * clock, so a box whose clock jumps (NTP after boot, a new server offset) is re-checked at
 * least this often instead of sleeping through a boundary.
 */
export const MAX_WAIT_MS = 60_000;

export type SwitchWhen = 'now' | 'boundary';

/**
 * When a newly applied manifest takes over (DESIGN.md, "Applied, acknowledged, shown"): at once
 * if the item on screen was removed or changed, otherwise at the current item's boundary.
 */
export function switchWhen(current: PublishedItem | null, next: Pick<Manifest, 'items' | 'playlists'>): SwitchWhen {
  if (current === null) return 'now';
  const same = next.items.find((item) => item.id === current.id);
  if (!same || same.revision !== current.revision || stableJson(same) !== stableJson(current)) return 'now';
  // Listed but in no playlist: nothing can play it any more, so it counts as removed.
  return next.playlists.some((p) => p.itemIds.indexOf(current.id) !== -1) ? 'boundary' : 'now';
}

/** JSON with object keys sorted, so equal content compares equal whatever the key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

function samePlay(a: ZonePlay | null, b: ZonePlay | null): boolean {
  if (a === null || b === null) return a === b;
  return a.item === b.item && a.since === b.since && a.until === b.until;
}

/** Whether two plays come from the same rotation: one playlist, scheduled the same way. */
function sameSource(a: ZonePlay, b: ZonePlay): boolean {
  return a.playlistId === b.playlistId && a.reason.tier === b.reason.tier && a.reason.scheduleId === b.reason.scheduleId;
}

/**
 * Drives one zone from `resolve(manifest, now)` alone: shows the resolved item until its
 * `until`, then resolves again at the corrected time (so a timer that fires early or late
 * still lands on the right item). `onChange` is called whenever what is on screen changes.
 * The ticker zone plays null while the manifest schedules nothing for it (SCHEDULE.md [S13]).
 */
export class Playback {
  manifest: Manifest | null = null;
  play: ZonePlay | null = null;
  /** The current item stays until its `until` although a newer manifest is applied. */
  private holding = false;
  /** A slot whose item ended early (see `skip`): the slot after it shows instead. */
  private skipped: ZonePlay | null = null;
  private timer: unknown = null;
  private running = false;

  constructor(
    private readonly now: () => number,
    private readonly onChange: (play: ZonePlay | null) => void,
    private readonly timers: Timers = browserTimers,
    private readonly zone: Zone = 'main',
  ) {}

  start(manifest: Manifest | null): void {
    this.manifest = manifest;
    this.running = true;
    this.tick();
  }

  /** Uses `manifest` from now on, switching at once or at the boundary (see `switchWhen`). */
  apply(manifest: Manifest): void {
    if (manifest.version === this.manifest?.version) return;
    const visible = this.play?.item ?? null;
    // An emergency that is on now takes over at once, mid-item (SCHEDULE.md [S1], [S10]).
    const urgent = this.play?.reason.tier !== 'emergency' && resolve(manifest, this.now())[this.zone]?.reason.tier === 'emergency';
    this.holding = !urgent && switchWhen(visible, manifest) === 'boundary';
    this.manifest = manifest;
    this.tick();
  }

  /** Re-evaluates at the current corrected time, e.g. after the clock offset moved. */
  refresh(): void {
    this.tick();
  }

  /**
   * The item on screen ended before its slot did (a clip that ended early, stalled or failed):
   * what follows the slot shows now and keeps its own end, so the rotation stays anchored to
   * the wall clock. Only the slot that is on by the clock can be skipped, so a clip that keeps
   * failing never runs playback ahead through later slots.
   */
  skip(itemId: string, since: number): void {
    const play = this.play;
    if (!this.running || !play?.item || play.item.id !== itemId || play.since !== since) return;
    if (since > this.now()) return;
    this.skipped = play;
    this.holding = false;
    this.tick();
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
  }

  private tick(): void {
    if (!this.running) return;
    this.clearTimer();
    const now = this.now();
    const current = this.play;
    // Holding only within the slot: a clock that jumped outside it re-resolves at once.
    if (this.holding && current && now >= current.since && now < current.until) {
      this.arm(current.until - now);
      return;
    }
    this.holding = false;
    let next = this.manifest ? (resolve(this.manifest, now)[this.zone] ?? null) : null;
    let until = next?.until ?? now + MAX_WAIT_MS;
    const skipped = this.skipped;
    if (skipped && next && samePlay(next, skipped) && this.manifest) {
      // Only the next slot of the same rotation may start early. Another schedule's content
      // (a priority window about to open, what follows an emergency) keeps its own start
      // time; until then nothing is played and the player shows its idle clock.
      const after = resolve(this.manifest, skipped.until)[this.zone] ?? null;
      next = after && sameSource(after, skipped) ? after : null;
      until = next?.until ?? skipped.until;
    } else this.skipped = null;
    this.play = next;
    this.arm(until - now);
    if (!samePlay(current, next)) this.onChange(next);
  }

  private arm(waitMs: number): void {
    const ms = Math.min(Math.max(waitMs, 0), MAX_WAIT_MS);
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.tick();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
