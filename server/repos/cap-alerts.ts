import type { Db } from '../db/connection.ts';

/** A CAP alert as taken in (refused ones are only in the audit log). */
export interface CapAlertRecord {
  id: string;
  sender: string;
  identifier: string;
  /** `sent` as the alert wrote it, and as an instant. */
  sent: string;
  sentAt: number;
  status: string;
  msgType: string;
  scope: string;
  event: string | null;
  headline: string | null;
  /** The tier it was put on screens at, or null when it reached none. */
  tier: 'emergency' | 'priority' | null;
  /** published, updated, ended or listed (reaches no screen: `reason` says why). */
  outcome: string;
  reason: string | null;
  wards: string[];
  /** The schedule it put on air or updated; later alerts that reference it find it here. */
  scheduleId: string | null;
  /** `user:<name>`, `key:<name>` or `feed:<origin>`. */
  source: string;
  receivedAt: number;
}

type Row = {
  id: string; sender: string; identifier: string; sent: string; sent_at: number; status: string; msg_type: string; scope: string;
  event: string | null; headline: string | null; tier: 'emergency' | 'priority' | null; outcome: string; reason: string | null;
  wards: string; schedule_id: string | null; source: string; received_at: number;
};

const COLUMNS = 'id, sender, identifier, sent, sent_at, status, msg_type, scope, event, headline, tier, outcome, reason, wards, schedule_id, source, received_at';

const toRecord = (r: Row): CapAlertRecord => ({
  id: r.id, sender: r.sender, identifier: r.identifier, sent: r.sent, sentAt: r.sent_at, status: r.status, msgType: r.msg_type,
  scope: r.scope, event: r.event, headline: r.headline, tier: r.tier, outcome: r.outcome, reason: r.reason,
  wards: JSON.parse(r.wards) as string[], scheduleId: r.schedule_id, source: r.source, receivedAt: r.received_at,
});

/** The `cap_alerts` table: one row per sender, identifier and sent instant. */
export class CapAlertRepo {
  readonly #insert;
  readonly #find;
  readonly #recent;
  readonly #bySchedule;

  constructor(db: Db) {
    this.#insert = db.prepare(`INSERT INTO cap_alerts (${COLUMNS}) VALUES (${COLUMNS.split(', ').map(() => '?').join(', ')})`);
    this.#find = db.prepare<[string, string, number], Row>(`SELECT ${COLUMNS} FROM cap_alerts WHERE sender = ? AND identifier = ? AND sent_at = ?`);
    this.#recent = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM cap_alerts ORDER BY received_at DESC, rowid DESC LIMIT ?`);
    this.#bySchedule = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM cap_alerts WHERE schedule_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 1`);
  }

  insert(a: CapAlertRecord): void {
    this.#insert.run(a.id, a.sender, a.identifier, a.sent, a.sentAt, a.status, a.msgType, a.scope, a.event, a.headline, a.tier,
      a.outcome, a.reason, JSON.stringify(a.wards), a.scheduleId, a.source, a.receivedAt);
  }

  find(sender: string, identifier: string, sentAt: number): CapAlertRecord | undefined {
    const row = this.#find.get(sender, identifier, sentAt);
    return row && toRecord(row);
  }

  recent(limit = 100): CapAlertRecord[] {
    return this.#recent.all(limit).map(toRecord);
  }

  /** The latest alert that put a schedule on air or changed it. */
  latestFor(scheduleId: string): CapAlertRecord | undefined {
    const row = this.#bySchedule.get(scheduleId);
    return row && toRecord(row);
  }
}
