import type { Db } from '../db/connection.ts';

export interface Receipt {
  scheduleId: string;
  screenId: string;
  shownAt: number;
  receivedAt: number;
}

type Row = { schedule_id: string; screen_id: string; shown_at: number; received_at: number };

/** When each screen first showed an emergency (`shown` messages), stored once per screen. */
export class ReceiptRepo {
  readonly #insert;
  readonly #forSchedule;
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO emergency_receipts (schedule_id, screen_id, shown_at, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(schedule_id, screen_id) DO NOTHING`,
    );
    this.#forSchedule = db.prepare<[string], Row>(
      'SELECT schedule_id, screen_id, shown_at, received_at FROM emergency_receipts WHERE schedule_id = ? ORDER BY shown_at',
    );
  }

  /** Stores a receipt; a repeated one (a reload, a resend) changes nothing. Answers whether it was new. */
  record(scheduleId: string, screenId: string, shownAt: number, now: number): boolean {
    return this.#insert.run(scheduleId, screenId, shownAt, now).changes === 1;
  }

  /** Stores many receipts in one transaction (an emergency's receipts arrive together). */
  recordMany(receipts: readonly Receipt[]): void {
    this.#db.transaction(() => {
      for (const r of receipts) this.#insert.run(r.scheduleId, r.screenId, r.shownAt, r.receivedAt);
    })();
  }

  forSchedule(scheduleId: string): Receipt[] {
    return this.#forSchedule.all(scheduleId).map((r) => ({
      scheduleId: r.schedule_id,
      screenId: r.screen_id,
      shownAt: r.shown_at,
      receivedAt: r.received_at,
    }));
  }
}
