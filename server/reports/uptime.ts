import { isOpen, nextChange, type OperatingHours } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { dayOf, dayStart, monthOfDay, splitPeriod } from '../repos/rollup-periods.ts';
import { ReportState } from './state.ts';

export type Interval = [number, number];

/** The open intervals of `hours` within [from, to), by the screen's own hours logic. */
export function openIntervals(hours: OperatingHours | null, from: number, to: number): Interval[] {
  if (from >= to) return [];
  if (!hours) return [[from, to]];
  const out: Interval[] = [];
  let t = from;
  let open = isOpen(hours, t);
  while (t < to) {
    const next = Math.min(nextChange(hours, t) ?? to, to);
    if (open) out.push([t, next]);
    t = next;
    open = !open;
  }
  return out;
}

/** Length of the overlap of two sets of intervals; each set sorted and without overlaps. */
export function overlapMs(a: readonly Interval[], b: readonly Interval[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]![0], b[j]![0]);
    const end = Math.min(a[i]![1], b[j]![1]);
    if (end > start) total += end - start;
    if (a[i]![1] < b[j]![1]) i += 1;
    else j += 1;
  }
  return total;
}

/** Sorts and merges intervals that touch or overlap. */
export function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export interface UptimeScreen {
  id: string;
  hours: OperatingHours | null;
  createdAt: number;
  /** A retired screen's open time ends when it was retired. */
  retiredAt?: number | null;
}

export interface Uptime {
  openMs: number;
  onlineMs: number;
}

/**
 * Uptime: time online within a screen's operating hours over the time within them. Finished
 * days are rolled up once (per day, and per month for long periods); the days since are read
 * from the sessions. Time before tracking began (`since`, the first start of this version) and
 * before a screen was created does not count as open.
 */
export class UptimeService {
  readonly #state: ReportState;
  readonly #openSessions;
  readonly #closedSessions;
  readonly #insertDay;
  readonly #addMonth;
  readonly #days;
  readonly #months;

  constructor(private readonly deps: { db: Db; clock: Clock; screens: { listEver(): UptimeScreen[] } }) {
    const { db } = deps;
    this.#state = new ReportState(db);
    if (this.#state.get('uptime_since') === null) this.#state.set('uptime_since', String(deps.clock.now()));
    type S = { screen_id: string; s: number; e: number | null };
    this.#openSessions = db.prepare<[number], S>('SELECT screen_id, connected_at AS s, NULL AS e FROM screen_sessions WHERE closed_at IS NULL AND connected_at < ?');
    this.#closedSessions = db.prepare<[number, number], S>(
      'SELECT screen_id, connected_at AS s, closed_at AS e FROM screen_sessions WHERE closed_at > ? AND connected_at < ?',
    );
    this.#insertDay = db.prepare('INSERT OR REPLACE INTO screen_uptime_daily (day, screen_id, open_ms, online_ms) VALUES (?, ?, ?, ?)');
    this.#addMonth = db.prepare(
      `INSERT INTO screen_uptime_monthly (month, screen_id, open_ms, online_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET open_ms = open_ms + excluded.open_ms, online_ms = online_ms + excluded.online_ms`,
    );
    type U = { screen_id: string; open_ms: number; online_ms: number };
    this.#days = db.prepare<[number, number], U>(
      'SELECT screen_id, sum(open_ms) AS open_ms, sum(online_ms) AS online_ms FROM screen_uptime_daily WHERE day BETWEEN ? AND ? GROUP BY screen_id',
    );
    this.#months = db.prepare<[number, number], U>(
      'SELECT screen_id, sum(open_ms) AS open_ms, sum(online_ms) AS online_ms FROM screen_uptime_monthly WHERE month BETWEEN ? AND ? GROUP BY screen_id',
    );
  }

  get since(): number {
    return Number(this.#state.get('uptime_since'));
  }

  /** The last day rolled up; days after it are read from the sessions. */
  get rolledThrough(): number {
    const v = this.#state.get('uptime_rolled_through');
    return v === null ? dayOf(this.since) - 1 : Number(v);
  }

  /** Online intervals of every screen within [from, to); an open session runs until now. */
  sessions(from: number, to: number): Map<string, Interval[]> {
    const now = this.deps.clock.now();
    const out = new Map<string, Interval[]>();
    for (const r of [...this.#openSessions.all(to), ...this.#closedSessions.all(from, to)]) {
      const s = Math.max(r.s, from);
      const e = Math.min(r.e ?? now, to);
      if (e <= s) continue;
      const list = out.get(r.screen_id) ?? [];
      list.push([s, e]);
      out.set(r.screen_id, list);
    }
    for (const [id, list] of out) out.set(id, merge(list));
    return out;
  }

  /** Uptime of each screen over [from, to), computed from the sessions. */
  live(screens: readonly UptimeScreen[], from: number, to: number): Map<string, Uptime> {
    const online = this.sessions(from, to);
    const since = this.since;
    const out = new Map<string, Uptime>();
    for (const screen of screens) {
      const open = openIntervals(screen.hours, Math.max(from, since, screen.createdAt), Math.min(to, screen.retiredAt ?? Infinity));
      const openMs = open.reduce((sum, [s, e]) => sum + e - s, 0);
      out.set(screen.id, { openMs, onlineMs: overlapMs(open, online.get(screen.id) ?? []) });
    }
    return out;
  }

  /** Rolls up every finished day not rolled yet (one transaction per day). Answers the days rolled. */
  rollUp(): number {
    const today = dayOf(this.deps.clock.now());
    let rolled = 0;
    for (let day = this.rolledThrough + 1; day < today; day++) {
      const uptime = this.live(this.deps.screens.listEver(), dayStart(day), dayStart(day + 1));
      this.deps.db.transaction(() => {
        for (const [id, u] of uptime) {
          this.#insertDay.run(day, id, u.openMs, u.onlineMs);
          this.#addMonth.run(monthOfDay(day), id, u.openMs, u.onlineMs);
        }
        this.#state.set('uptime_rolled_through', String(day));
      })();
      rolled += 1;
    }
    return rolled;
  }

  /** Uptime per screen over the local days `from`…`to` (inclusive), up to now. */
  forPeriod(screens: readonly UptimeScreen[], from: number, to: number): Map<string, Uptime> {
    const out = new Map<string, Uptime>(screens.map((s) => [s.id, { openMs: 0, onlineMs: 0 }]));
    const add = (id: string, openMs: number, onlineMs: number) => {
      const u = out.get(id);
      if (u) {
        u.openMs += openMs;
        u.onlineMs += onlineMs;
      }
    };
    const rolled = this.rolledThrough;
    const split = splitPeriod(from, Math.min(to, rolled));
    if (split.months) for (const r of this.#months.all(...split.months)) add(r.screen_id, r.open_ms, r.online_ms);
    for (const [a, b] of split.days) for (const r of this.#days.all(a, b)) add(r.screen_id, r.open_ms, r.online_ms);
    const liveFrom = dayStart(Math.max(from, rolled + 1));
    const liveTo = Math.min(dayStart(to + 1), this.deps.clock.now());
    if (liveFrom < liveTo) for (const [id, u] of this.live(screens, liveFrom, liveTo)) add(id, u.openMs, u.onlineMs);
    return out;
  }
}
