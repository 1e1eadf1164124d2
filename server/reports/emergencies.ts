import { targets, toLocalIso, type Schedule, type TargetScreen } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';
import type { EmergencyRow } from '../../playlists/reports.ts';

/** Share of the targeted screens whose receipts mark an emergency as having reached them. */
export const REACHED_SHARE = 0.95;

/**
 * Emergencies sent within a period, with their receipts: how many of the report's screens each
 * targeted and how many showed it, and how long until 95 % of them had. Emergencies are read
 * from the revisions that added them (a cancelled one is gone from the latest revision).
 */
export class EmergencyReport {
  readonly #sent;
  readonly #receipts;

  constructor(db: Db) {
    this.#sent = db.prepare<[number, number], { number: number; schedule: string; text: string | null }>(
      `SELECT r.number, s.value AS schedule,
         (SELECT json_extract(i.value, '$.text') FROM json_each(r.snapshot, '$.items') i, json_each(r.snapshot, '$.playlists') p
          WHERE json_extract(p.value, '$.id') = json_extract(s.value, '$.playlistId')
            AND EXISTS (SELECT 1 FROM json_each(p.value, '$.itemIds') x WHERE x.value = json_extract(i.value, '$.id'))
          LIMIT 1) AS text
       FROM revisions r, json_each(r.snapshot, '$.schedules') s
       WHERE r.published_at >= ? AND r.published_at < ?
         AND json_array_length(r.summary, '$.schedules.added') > 0
         AND json_extract(s.value, '$.tier') = 'emergency'
         AND EXISTS (SELECT 1 FROM json_each(r.summary, '$.schedules.added') a WHERE a.value = json_extract(s.value, '$.id'))
       ORDER BY r.number`,
    );
    this.#receipts = db.prepare<[string], { screen_id: string; shown_at: number }>(
      'SELECT screen_id, shown_at FROM emergency_receipts WHERE schedule_id = ? ORDER BY shown_at',
    );
  }

  list(from: number, until: number, screens: readonly TargetScreen[]): EmergencyRow[] {
    const seen = new Set<string>();
    const rows: EmergencyRow[] = [];
    for (const r of this.#sent.all(from, until)) {
      const schedule = JSON.parse(r.schedule) as Schedule;
      if (seen.has(schedule.id)) continue;
      seen.add(schedule.id);
      const startsAt = Date.parse(schedule.time.startsAt ?? `${schedule.time.startDate}T00:00:00+07:00`);
      const targeted = new Set(screens.filter((s) => targets({ ...schedule, ownerWard: schedule.ownerWard ?? null }, s)).map((s) => s.id));
      const shownAt = this.#receipts.all(schedule.id).filter((x) => targeted.has(x.screen_id)).map((x) => x.shown_at);
      const needed = Math.ceil(targeted.size * REACHED_SHARE);
      const reachedAt = targeted.size > 0 && shownAt.length >= needed ? shownAt[needed - 1]! : null;
      rows.push({
        scheduleId: schedule.id,
        text: r.text ?? schedule.name,
        startsAt: toLocalIso(startsAt),
        wards: schedule.target.wards,
        targeted: targeted.size,
        shown: shownAt.length,
        timeTo95Ms: reachedAt === null ? null : Math.max(0, reachedAt - startsAt),
      });
    }
    return rows;
  }
}
