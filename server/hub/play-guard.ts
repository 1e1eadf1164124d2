import { PLAYS_BATCH_MAX, toLocalIsoMs, type MediaInfo, type PlayEvent, type Zone } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { AudienceScreen } from '../publishing/manifests.ts';
import type { PlayBasisRepo } from '../repos/play-basis.ts';
import { PlayWindows, type PlayWindow } from './play-window.ts';

/** A play may last its slot and this much more (timers fire late on a busy box)… */
export const SLOT_TOLERANCE_MS = 5_000;
/** …or a tenth of its slot, if more. */
export const SLOT_TOLERANCE_SHARE = 0.1;
/**
 * Plays of one zone follow each other; a correction of the player's clock between two may make
 * them overlap a little, which is cut off the later one. More overlap than this is refused.
 */
export const OVERLAP_TOLERANCE_MS = 2_000;
/** Each play takes at least this much of its zone's time, so a box cannot pile up short plays… */
export const MIN_PLAY_SPAN_MS = 1_000;
/**
 * …beyond the few an honest screen has: a boot joins a slot near its end, a publish that changes
 * the item on screen cuts it short and the next one may be near its own end, a clip fails at
 * once. That many short plays keep their true length and start, and one more for each
 * SHORT_PLAY_EVERY_MS of the screen's play time; past them each takes MIN_PLAY_SPAN_MS.
 */
export const SHORT_PLAYS_BURST = 3;
export const SHORT_PLAY_EVERY_MS = 10_000;
/** How far a player's corrected clock may be off: no play ends later than now plus this. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;
/**
 * Events per second a screen may send, sustained, and the burst on top: a player's offline
 * queue holds up to 5,000 (player/plays.ts) and flushes in 500s right after it reconnects; a
 * resent batch or two (an acknowledgement lost with the link) must fit too.
 */
export const PLAYS_PER_SECOND = 10;
export const PLAYS_BURST = 6_000;
/** A screen's refusals are logged at most this often. */
const LOG_EVERY_MS = 60_000;
/** Stored plays read back to find where a screen's last plays ended (after a restart). */
const RECENT_PLAYS = 200;

const NONE_STORED: ReadonlySet<string> = new Set();

/** The event count of a `plays` frame over PLAYS_BATCH_MAX (the protocol's schema refuses it); 0 for any other frame. */
export function oversizedPlays(data: unknown): number {
  if (typeof data !== 'string') return 0;
  try {
    const json = JSON.parse(data) as { type?: unknown; events?: unknown };
    return json?.type === 'plays' && Array.isArray(json.events) && json.events.length > PLAYS_BATCH_MAX ? json.events.length : 0;
  } catch {
    return 0;
  }
}

export type PlayRefusal = 'unknown_item' | 'out_of_window' | 'future' | 'overlap' | 'over_rate' | 'oversized';

/** What became of a screen's play events since the server started. */
export interface PlayTally {
  accepted: number;
  /** Accepted with a shorter duration: over the slot, or overlapping the previous play. */
  clamped: number;
  refused: Record<PlayRefusal, number>;
}

interface ScreenPlays {
  tokens: number;
  refilledAt: number;
  /** Where the latest accepted play of each zone ended; null until read from the database. */
  ends: Record<Zone, number> | null;
  /** Short plays that may keep their true length (SHORT_PLAYS_BURST), as of play time `shortAt`. */
  shortPlays: number;
  shortAt: number;
  tally: PlayTally;
  loggedAt: number;
  unlogged: boolean;
}

const newTally = (): PlayTally => ({
  accepted: 0,
  clamped: 0,
  refused: { unknown_item: 0, out_of_window: 0, future: 0, overlap: 0, over_rate: 0, oversized: 0 },
});

/**
 * Proof of play must not be forgeable by one box. A screen's events are stored only for items
 * it could have been sent within the window (play-window.ts); a duration is clamped to the
 * item's slot plus a tolerance, and plays of one zone may not overlap (no screen shows more
 * than the time that passed, nor more plays than seconds); a screen may send so many events
 * per second. Refused events are
 * acknowledged all the same (resending cannot make them valid), counted, and logged.
 *
 * Rate buckets and the ends of the latest plays are in memory; the ends are read again from
 * the stored plays after a restart, and the window from the revisions, so a player returning
 * with a queue kept offline is judged the same either way.
 */
export class PlayGuard {
  readonly #screens = new Map<string, ScreenPlays>();
  readonly #windows: PlayWindows;

  constructor(
    private readonly deps: {
      clock: Clock;
      basis: PlayBasisRepo;
      media: { infos(ids: Iterable<string>): MediaInfo[] };
      log?: (line: string) => void;
    },
  ) {
    this.#windows = new PlayWindows(deps);
  }

  /** Takes `count` events from the screen's allowance; false (nothing taken) when it has not that many. */
  admit(screenId: string, count: number): boolean {
    const state = this.#state(screenId);
    const now = this.deps.clock.now();
    state.tokens = Math.min(PLAYS_BURST, state.tokens + (Math.max(0, now - state.refilledAt) * PLAYS_PER_SECOND) / 1000);
    state.refilledAt = now;
    if (state.tokens < count) {
      this.#refuse(state, screenId, 'over_rate', count);
      return false;
    }
    state.tokens -= count;
    return true;
  }

  /** Counts a batch over PLAYS_BATCH_MAX, refused whole. */
  refuseOversized(screenId: string, count: number): void {
    this.#refuse(this.#state(screenId), screenId, 'oversized', count);
  }

  /** The events of `screen` to store, checked and clamped; the rest are refused and counted. */
  check(screen: AudienceScreen, events: readonly PlayEvent[]): PlayEvent[] {
    if (!events.length) return [];
    const state = this.#state(screen.id);
    const now = this.deps.clock.now();
    const window = this.#windows.at(now);
    const ends = (state.ends ??= this.#storedEnds(screen.id, window));
    const zoneOf = (e: PlayEvent): Zone => (e.scheduleId !== null && window.zones.get(e.scheduleId)) || 'main';
    const all = events.map((e) => ({ e, start: Date.parse(e.startedAt) }));
    // An event already stored ended by its zone's last end, so it starts before it: a batch with
    // none that does (a first sending, not a resend after a lost ack) needs no look-up.
    const stored = all.some(({ e, start }) => start < ends[zoneOf(e)]) ? this.deps.basis.stored(events.map((e) => e.id)) : NONE_STORED;
    const fresh = all.filter(({ e }) => !stored.has(e.id)).sort((a, b) => a.start + a.e.durationMs - (b.start + b.e.durationMs));
    const keep: PlayEvent[] = [];
    for (const { e, start: reported } of fresh) {
      const slot = window.slotFor(e.itemId, e.itemRevision, screen);
      if (slot === null) {
        this.#refuse(state, screen.id, 'unknown_item');
        continue;
      }
      const earliest = Math.max(window.from, window.publishedAt(e.itemRevision) ?? Infinity) - CLOCK_TOLERANCE_MS;
      if (reported < earliest) {
        this.#refuse(state, screen.id, 'out_of_window');
        continue;
      }
      const end = reported + Math.min(e.durationMs, slot + Math.max(SLOT_TOLERANCE_MS, slot * SLOT_TOLERANCE_SHARE));
      if (end > now + CLOCK_TOLERANCE_MS) {
        this.#refuse(state, screen.id, 'future');
        continue;
      }
      const zone = zoneOf(e);
      const start = Math.max(reported, ends[zone]);
      if (start - reported > OVERLAP_TOLERANCE_MS || end <= start) {
        this.#refuse(state, screen.id, 'overlap');
        continue;
      }
      ends[zone] = end - start >= MIN_PLAY_SPAN_MS || this.#shortAllowed(state, start) ? end : start + MIN_PLAY_SPAN_MS;
      state.tally.accepted += 1;
      if (start === reported && end - start === e.durationMs) {
        keep.push(e);
        continue;
      }
      state.tally.clamped += 1;
      keep.push({ ...e, startedAt: toLocalIsoMs(start), durationMs: end - start });
    }
    this.#maybeLog(state, screen.id, now);
    return keep;
  }

  /**
   * Forgets where the screen's latest plays ended, to read them again from the stored plays:
   * events checked here but not stored (a failing disk) come again and must not count as an
   * overlap with themselves.
   */
  forgetEnds(screenId: string): void {
    const state = this.#screens.get(screenId);
    if (state) state.ends = null;
  }

  /** What became of the screen's events since the server started; undefined if it sent none. */
  tally(screenId: string): PlayTally | undefined {
    const state = this.#screens.get(screenId);
    return state && structuredClone(state.tally);
  }

  #state(screenId: string): ScreenPlays {
    let state = this.#screens.get(screenId);
    if (!state) {
      state = {
        tokens: PLAYS_BURST, refilledAt: this.deps.clock.now(), ends: null, shortPlays: SHORT_PLAYS_BURST, shortAt: -Infinity,
        tally: newTally(), loggedAt: -Infinity, unlogged: false,
      };
      this.#screens.set(screenId, state);
    }
    return state;
  }

  /** Whether a short play starting at `start` keeps its true length (SHORT_PLAYS_BURST), taking one. */
  #shortAllowed(state: ScreenPlays, start: number): boolean {
    if (start > state.shortAt) {
      state.shortPlays = Math.min(SHORT_PLAYS_BURST, state.shortPlays + (start - state.shortAt) / SHORT_PLAY_EVERY_MS);
      state.shortAt = start;
    }
    if (state.shortPlays < 1) return false;
    state.shortPlays -= 1;
    return true;
  }

  #storedEnds(screenId: string, window: PlayWindow): Record<Zone, number> {
    const ends: Record<Zone, number> = { main: -Infinity, ticker: -Infinity };
    for (const { scheduleId, end } of this.deps.basis.recentEnds(screenId, RECENT_PLAYS)) {
      const zone = (scheduleId !== null && window.zones.get(scheduleId)) || 'main';
      ends[zone] = Math.max(ends[zone], end);
    }
    return ends;
  }

  #refuse(state: ScreenPlays, screenId: string, reason: PlayRefusal, count = 1): void {
    state.tally.refused[reason] += count;
    state.unlogged = true;
    if (reason === 'over_rate' || reason === 'oversized') this.#maybeLog(state, screenId, this.deps.clock.now());
  }

  #maybeLog(state: ScreenPlays, screenId: string, now: number): void {
    if (!state.unlogged || now - state.loggedAt < LOG_EVERY_MS) return;
    state.loggedAt = now;
    state.unlogged = false;
    const refused = Object.entries(state.tally.refused).filter(([, n]) => n > 0).map(([why, n]) => `${why} ${n}`).join(', ');
    (this.deps.log ?? console.warn)(`plays refused: screen ${screenId}: ${refused} (accepted ${state.tally.accepted}, clamped ${state.tally.clamped})`);
  }
}
