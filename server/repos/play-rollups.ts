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

/** A newly stored play, to count. */
export interface NewPlay {
  screenId: string;
  play: RolledPlay;
  startedAt: number;
}

/** Each statement's last three parameters: plays, completed, airtime (ms). */
const BUMP = `ON CONFLICT DO UPDATE SET plays = plays + excluded.plays, completed = completed + excluded.completed,
    airtime_ms = airtime_ms + excluded.airtime_ms`;

const upsert = (table: string, bucket: string) => `
  INSERT INTO ${table} (${bucket}, screen_id, item_id, theme, tier, plays, completed, airtime_ms)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) ${BUMP}`;

/** The totals a set of plays adds to one row of one table, and the row's key. */
interface Totals {
  key: (string | number)[];
  plays: number;
  completed: number;
  airtimeMs: number;
}

function bump(rows: Map<string, Totals>, key: (string | number)[], completed: number, ms: number): void {
  const id = key.join('\u0000');
  const row = rows.get(id);
  if (!row) rows.set(id, { key, plays: 1, completed, airtimeMs: ms });
  else {
    row.plays += 1;
    row.completed += completed;
    row.airtimeMs += ms;
  }
}

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
    this.#screenDaily = db.prepare(`INSERT INTO play_rollup_screen_daily (day, screen_id, plays, completed, airtime_ms) VALUES (?, ?, ?, ?, ?) ${BUMP}`);
    this.#screenMonthly = db.prepare(`INSERT INTO play_rollup_screen_monthly (month, screen_id, plays, completed, airtime_ms) VALUES (?, ?, ?, ?, ?) ${BUMP}`);
    const item = (table: string, bucket: string) =>
      db.prepare(`INSERT INTO ${table} (${bucket}, item_id, theme, plays, completed, airtime_ms) VALUES (?, ?, ?, ?, ?, ?) ${BUMP}`);
    this.#itemDaily = item('play_rollup_item_daily', 'day');
    this.#itemMonthly = item('play_rollup_item_monthly', 'month');
    this.#cityDaily = db.prepare(`INSERT INTO play_rollup_city_daily (day, plays, completed, airtime_ms) VALUES (?, ?, ?, ?) ${BUMP}`);
    this.#late = db.prepare('UPDATE periodic_reports SET late_plays = late_plays + ? WHERE id = ?');
    this.#finals = db.prepare<[], { id: string; period_from: string; period_to: string; screen_ids: string }>(
      "SELECT id, period_from, period_to, screen_ids FROM periodic_reports WHERE status = 'final'",
    );
  }

  /** Counts one newly stored play of `screenId` that started at `startedAt`. */
  add(screenId: string, play: RolledPlay, startedAt: number): void {
    this.addMany([{ screenId, play, startedAt }]);
  }

  /**
   * Counts newly stored plays. The totals are summed here first, so each row they touch is
   * written once: a flush of thousands of plays (hub-writes.ts) touches a few rows per screen
   * and item, where counting play by play ran nine statements for each (bench: `ingestCpuShare`).
   */
  addMany(plays: readonly NewPlay[]): void {
    if (!plays.length) return;
    const tables = Array.from({ length: 8 }, () => new Map<string, Totals>());
    const [hourly, daily, monthly, screenDaily, screenMonthly, itemDaily, itemMonthly, cityDaily] = tables as [Map<string, Totals>, ...Map<string, Totals>[]];
    const late = new Map<string, number>();
    const windows = this.#windows();
    for (const { screenId, play, startedAt } of plays) {
      const completed = play.completed ? 1 : 0;
      const day = dayOf(startedAt);
      const month = monthOf(startedAt);
      const ms = play.durationMs;
      bump(hourly, [hourOf(startedAt), screenId, play.itemId, play.theme, play.tier], completed, ms);
      bump(daily!, [day, screenId, play.itemId, play.theme, play.tier], completed, ms);
      bump(monthly!, [month, screenId, play.itemId, play.theme, play.tier], completed, ms);
      bump(screenDaily!, [day, screenId], completed, ms);
      bump(screenMonthly!, [month, screenId], completed, ms);
      bump(itemDaily!, [day, play.itemId, play.theme], completed, ms);
      bump(itemMonthly!, [month, play.itemId, play.theme], completed, ms);
      bump(cityDaily!, [day], completed, ms);
      for (const w of windows) {
        if (startedAt >= w.from && startedAt < w.until && w.screens.has(screenId)) late.set(w.id, (late.get(w.id) ?? 0) + 1);
      }
    }
    const statements = [this.#hourly, this.#daily, this.#monthly, this.#screenDaily, this.#screenMonthly, this.#itemDaily, this.#itemMonthly, this.#cityDaily];
    tables.forEach((rows, i) => {
      for (const r of rows.values()) statements[i]!.run(...r.key, r.plays, r.completed, r.airtimeMs);
    });
    for (const [id, n] of late) this.#late.run(n, id);
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
