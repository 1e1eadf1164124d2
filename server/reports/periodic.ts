import { randomBytes } from 'node:crypto';
import { toLocalIso } from '../../playlists/index.ts';
import { ReportData, type PeriodicKind, type PeriodicReport, type PeriodicReportView } from '../../playlists/reports.ts';
import type { WardScope } from '../auth/ward-scope.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { AppError, notFound } from '../errors.ts';
import type { ScreenRecord } from '../repos/screens.ts';
import { dateOfDay, dayOf, dayOfDate, firstDayOfMonth, lastDayOfMonth } from '../repos/rollup-periods.ts';
import type { ReportQueries } from './report-query.ts';
import { frozenReportsChanged } from '../repos/play-rollups.ts';

/** The plan's deadlines: each unit reports before 25/05 (six months) and 15/12 (the year). */
export const DEADLINES: Record<PeriodicKind, { month: number; day: number; months: number }> = {
  six_month: { month: 5, day: 25, months: 6 },
  yearly: { month: 12, day: 15, months: 12 },
};
/** The job drafts a report this many days before its deadline. */
export const DRAFT_DAYS_AHEAD = 7;
/** The longest period a report may cover. */
export const MAX_PERIOD_DAYS = 731;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A report's deadline and default period: the six (twelve) whole months before the deadline's
 * month — 01/11–30/04 for the report due 25/05, 01/12–30/11 for the one due 15/12 — so the
 * draft made a week ahead already holds complete numbers, and late plays have had weeks to come in.
 */
export function defaultPeriod(kind: PeriodicKind, year: number): { due: string; from: string; to: string } {
  const d = DEADLINES[kind];
  const dueMonth = year * 12 + d.month - 1;
  return {
    due: `${year}-${pad(d.month)}-${pad(d.day)}`,
    from: dateOfDay(firstDayOfMonth(dueMonth - d.months)),
    to: dateOfDay(lastDayOfMonth(dueMonth - 1)),
  };
}

/** Checks a period: from not after to, at most MAX_PERIOD_DAYS. Answers its day numbers. */
export function checkPeriod(from: string, to: string): [number, number] {
  const a = dayOfDate(from);
  const b = dayOfDate(to);
  if (b < a) throw new AppError(400, 'invalid_period', '`from` must not be after `to`', [{ path: 'to', message: 'must not be before from' }]);
  if (b - a + 1 > MAX_PERIOD_DAYS) throw new AppError(400, 'invalid_period', `A report covers at most ${MAX_PERIOD_DAYS} days`, [{ path: 'to', message: 'period too long' }]);
  return [a, b];
}

type Row = {
  id: string; kind: PeriodicKind; year: number; ward_code: string | null; due_date: string; period_from: string; period_to: string;
  unit_name: string | null; status: 'draft' | 'final'; drafted_by: 'schedule' | 'user'; created_at: number; frozen_at: number | null;
  snapshot: string | null; late_plays: number;
};

/**
 * The periodic reports: drafted by the job a week before each deadline (or on demand), their
 * period and unit name changeable while draft, frozen once marked final. A draft is computed
 * afresh each time it is read; a final report answers the numbers it was frozen with, and how
 * many plays of its period and screens were stored since (server/repos/play-rollups.ts).
 */
export class PeriodicReports {
  readonly #all;
  readonly #get;
  readonly #find;
  readonly #insert;
  readonly #update;
  readonly #freeze;

  constructor(
    private readonly deps: {
      db: Db; clock: Clock; queries: ReportQueries;
      screens: { listEver(): ScreenRecord[] };
      wards: { get(code: string): { name: string } | undefined; list(): { code: string; screens: number }[] };
    },
  ) {
    const { db } = deps;
    const cols = 'id, kind, year, ward_code, due_date, period_from, period_to, unit_name, status, drafted_by, created_at, frozen_at, snapshot, late_plays';
    this.#all = db.prepare<[], Row>(`SELECT ${cols} FROM periodic_reports ORDER BY due_date DESC, ward_code IS NOT NULL, ward_code`);
    this.#get = db.prepare<[string], Row>(`SELECT ${cols} FROM periodic_reports WHERE id = ?`);
    this.#find = db.prepare<[string, number, string], { id: string }>(
      "SELECT id FROM periodic_reports WHERE kind = ? AND year = ? AND coalesce(ward_code, '') = ?",
    );
    this.#insert = db.prepare(
      `INSERT INTO periodic_reports (id, kind, year, ward_code, due_date, period_from, period_to, status, drafted_by, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
    );
    this.#update = db.prepare("UPDATE periodic_reports SET period_from = ?, period_to = ?, unit_name = ? WHERE id = ? AND status = 'draft'");
    this.#freeze = db.prepare(
      "UPDATE periodic_reports SET status = 'final', frozen_at = ?, frozen_by = ?, snapshot = ?, screen_ids = ? WHERE id = ? AND status = 'draft'",
    );
  }

  #meta(r: Row): PeriodicReport {
    return {
      id: r.id, kind: r.kind, year: r.year, wardCode: r.ward_code,
      wardName: r.ward_code === null ? null : this.deps.wards.get(r.ward_code)?.name ?? r.ward_code,
      dueDate: r.due_date, period: { from: r.period_from, to: r.period_to }, unitName: r.unit_name,
      status: r.status, draftedBy: r.drafted_by, createdAt: toLocalIso(r.created_at),
      frozenAt: r.frozen_at === null ? null : toLocalIso(r.frozen_at), latePlays: r.late_plays,
    };
  }

  /** The reports a user sees: a ward operator its ward's, the city every one. */
  list(scope: WardScope): PeriodicReport[] {
    return scope.only(this.#all.all(), (r) => r.ward_code).map((r) => this.#meta(r));
  }

  #row(id: string, scope: WardScope): Row {
    return scope.find(this.#get.get(id), (r) => r.ward_code, () => notFound('report'));
  }

  get(id: string, scope: WardScope): PeriodicReport {
    return this.#meta(this.#row(id, scope));
  }

  /** The screens a periodic report covers: the city's all, a ward's its own. */
  #screens(wardCode: string | null): ScreenRecord[] {
    const all = this.deps.screens.listEver();
    return wardCode === null ? all : all.filter((s) => s.wardCode === wardCode);
  }

  #compute(r: Row): ReportData {
    return this.deps.queries.compute(this.#screens(r.ward_code), { wards: r.ward_code ? [r.ward_code] : [], locationKinds: [], screens: [] },
      dayOfDate(r.period_from), dayOfDate(r.period_to));
  }

  view(id: string, scope: WardScope): PeriodicReportView {
    const r = this.#row(id, scope);
    const data = r.snapshot === null ? this.#compute(r) : ReportData.parse(JSON.parse(r.snapshot));
    return { ...this.#meta(r), data };
  }

  create(kind: PeriodicKind, year: number, wardCode: string | null, draftedBy: 'schedule' | 'user', userId: number | null): PeriodicReport {
    if (wardCode !== null && !this.deps.wards.get(wardCode)) throw notFound('ward');
    if (this.#find.get(kind, year, wardCode ?? '')) throw new AppError(409, 'report_exists', 'That report has been drafted already');
    const id = `rep_${randomBytes(9).toString('base64url')}`;
    const p = defaultPeriod(kind, year);
    this.#insert.run(id, kind, year, wardCode, p.due, p.from, p.to, draftedBy, this.deps.clock.now(), userId);
    return this.#meta(this.#get.get(id)!);
  }

  update(id: string, changes: { from?: string; to?: string; unitName?: string | null }, scope: WardScope): PeriodicReport {
    const r = this.#row(id, scope);
    if (r.status === 'final') throw new AppError(409, 'report_final', 'A final report does not change');
    const from = changes.from ?? r.period_from;
    const to = changes.to ?? r.period_to;
    checkPeriod(from, to);
    const unitName = changes.unitName === undefined ? r.unit_name : changes.unitName || null;
    this.#update.run(from, to, unitName, id);
    return this.#meta(this.#get.get(id)!);
  }

  /** Freezes a draft: its numbers as of now are kept and never recomputed. */
  finalize(id: string, userId: number | null, scope: WardScope): PeriodicReport {
    const r = this.#row(id, scope);
    if (r.status === 'final') throw new AppError(409, 'report_final', 'The report is final already');
    const data = this.#compute(r);
    const screens = this.#screens(r.ward_code).map((s) => s.id);
    this.#freeze.run(this.deps.clock.now(), userId, JSON.stringify(data), JSON.stringify(screens), id);
    frozenReportsChanged(this.deps.db);
    return this.#meta(this.#get.get(id)!);
  }

  /**
   * Drafts the reports whose deadline is at most DRAFT_DAYS_AHEAD days away (the city's, and
   * each ward's with screens), unless drafted already. Answers the ids drafted.
   */
  draftDue(): string[] {
    const today = dayOf(this.deps.clock.now());
    const year = Number(dateOfDay(today).slice(0, 4));
    const drafted: string[] = [];
    for (const kind of Object.keys(DEADLINES) as PeriodicKind[]) {
      const due = dayOfDate(defaultPeriod(kind, year).due);
      if (today < due - DRAFT_DAYS_AHEAD || today >= due) continue;
      const wards = [null, ...this.deps.wards.list().filter((w) => w.screens > 0).map((w) => w.code)];
      for (const ward of wards) {
        if (this.#find.get(kind, year, ward ?? '')) continue;
        drafted.push(this.create(kind, year, ward, 'schedule', null).id);
      }
    }
    return drafted;
  }
}
