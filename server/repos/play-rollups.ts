import type { Db } from '../db/connection.ts';
import { dayOf, dayOfDate, dayStart, hourOf, monthOf } from './rollup-periods.ts';

/** What a rollup needs of a stored play. */
export interface RolledPlay {
  itemId: string;
  theme: number;
  tier: string;
  durationMs: number;
  completed: boolean;
}

/** A final periodic report: plays of its period and screens stored from now on are late. */
interface FrozenWindow {
  id: string;
  from: number;
  until: number;
  screens: Set<string>;
}

/** Bumped whenever a report is frozen, so every PlayRollups over that database reloads its windows. */
const frozenVersions = new WeakMap<Db, number>();

export function frozenReportsChanged(db: Db): void {
  frozenVersions.set(db, (frozenVersions.get(db) ?? 0) + 1);
}

const upsert = (table: string, bucket: string) => `
  INSERT INTO ${table} (${bucket}, screen_id, item_id, theme, tier, plays, completed, airtime_ms)
  VALUES (?, ?, ?, ?, ?, 1, ?, ?)
  ON CONFLICT DO UPDATE SET plays = plays + 1, completed = completed + excluded.completed,
    airtime_ms = airtime_ms + excluded.airtime_ms`;

/**
 * Hourly, daily and monthly totals per screen × item × theme × tier; and, so a report over
 * every screen reads a few rows rather than every screen's, daily and monthly totals per screen
 * and per item × theme, and the city's per day. `add` runs inside the transaction that stored the raw event, and only when the event
 * was new (server/repos/plays.ts), so each play is counted exactly once, in the hour, day and
 * month it started in, however late it arrives.
 */
export class PlayRollups {
  readonly #hourly;
  readonly #daily;
  readonly #monthly;
  readonly #screenDaily;
  readonly #screenMonthly;
  readonly #itemDaily;
  readonly #itemMonthly;
  readonly #cityDaily;
  readonly #late;
  readonly #finals;
  #frozen: FrozenWindow[] = [];
  #frozenVersion = -1;

  constructor(private readonly db: Db) {
    this.#hourly = db.prepare(upsert('play_rollup_hourly', 'hour_start'));
    this.#daily = db.prepare(upsert('play_rollup_daily', 'day'));
    this.#monthly = db.prepare(upsert('play_rollup_monthly', 'month'));
    this.#screenDaily = db.prepare(
      `INSERT INTO play_rollup_screen_daily (day, screen_id, plays, completed, airtime_ms) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT DO UPDATE SET plays = plays + 1, completed = completed + excluded.completed, airtime_ms = airtime_ms + excluded.airtime_ms`,
    );
    this.#screenMonthly = db.prepare(
      `INSERT INTO play_rollup_screen_monthly (month, screen_id, plays, completed, airtime_ms) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT DO UPDATE SET plays = plays + 1, completed = completed + excluded.completed, airtime_ms = airtime_ms + excluded.airtime_ms`,
    );
    const item = (table: string, bucket: string) => db.prepare(
      `INSERT INTO ${table} (${bucket}, item_id, theme, plays, completed, airtime_ms) VALUES (?, ?, ?, 1, ?, ?)
       ON CONFLICT DO UPDATE SET plays = plays + 1, completed = completed + excluded.completed, airtime_ms = airtime_ms + excluded.airtime_ms`,
    );
    this.#itemDaily = item('play_rollup_item_daily', 'day');
    this.#itemMonthly = item('play_rollup_item_monthly', 'month');
    this.#cityDaily = db.prepare(
      `INSERT INTO play_rollup_city_daily (day, plays, completed, airtime_ms) VALUES (?, 1, ?, ?)
       ON CONFLICT DO UPDATE SET plays = plays + 1, completed = completed + excluded.completed, airtime_ms = airtime_ms + excluded.airtime_ms`,
    );
    this.#late = db.prepare('UPDATE periodic_reports SET late_plays = late_plays + 1 WHERE id = ?');
    this.#finals = db.prepare<[], { id: string; period_from: string; period_to: string; screen_ids: string }>(
      "SELECT id, period_from, period_to, screen_ids FROM periodic_reports WHERE status = 'final'",
    );
  }

  /** Counts one newly stored play of `screenId` that started at `startedAt`. */
  add(screenId: string, play: RolledPlay, startedAt: number): void {
    const completed = play.completed ? 1 : 0;
    const day = dayOf(startedAt);
    const month = monthOf(startedAt);
    const ms = play.durationMs;
    this.#hourly.run(hourOf(startedAt), screenId, play.itemId, play.theme, play.tier, completed, ms);
    this.#daily.run(day, screenId, play.itemId, play.theme, play.tier, completed, ms);
    this.#monthly.run(month, screenId, play.itemId, play.theme, play.tier, completed, ms);
    this.#screenDaily.run(day, screenId, completed, ms);
    this.#screenMonthly.run(month, screenId, completed, ms);
    this.#itemDaily.run(day, play.itemId, play.theme, completed, ms);
    this.#itemMonthly.run(month, play.itemId, play.theme, completed, ms);
    this.#cityDaily.run(day, completed, ms);
    for (const w of this.#windows()) {
      if (startedAt >= w.from && startedAt < w.until && w.screens.has(screenId)) this.#late.run(w.id);
    }
  }

  #windows(): FrozenWindow[] {
    const version = frozenVersions.get(this.db) ?? 0;
    if (version !== this.#frozenVersion) {
      this.#frozenVersion = version;
      this.#frozen = this.#finals.all().map((r) => ({
        id: r.id,
        from: dayStart(dayOfDate(r.period_from)),
        until: dayStart(dayOfDate(r.period_to) + 1),
        screens: new Set(JSON.parse(r.screen_ids) as string[]),
      }));
    }
    return this.#frozen;
  }
}
