import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id } from '../../playlists/index.ts';
import {
  PeriodicCreate, PeriodicReport, PeriodicReportList, PeriodicReportView, PeriodicUpdate, PlayoutQuery, ReportData, ReportQuery,
  ReportTable, reportTable, type ReportData as ReportDataT, type ReportTable as ReportTableT,
} from '../../playlists/reports.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { toCsv } from '../http/csv.ts';
import { notFound } from '../errors.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { WardRepo } from '../repos/wards.ts';
import type { Reporting } from '../reports/index.ts';
import { checkPeriod } from '../reports/periodic.ts';
import { dayStart } from '../repos/rollup-periods.ts';
import { playoutStream } from '../reports/playout.ts';
import { chooseScreens } from '../reports/scope.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';


const IdParam = z.object({ id: Id });
const TableParam = z.object({ table: ReportTable });
const notFoundErrors = { 404: errorResponse('A ward, screen or report the user does not see or that does not exist (ward_not_found, screen_not_found, report_not_found)') };
const csv = (description: string) => ({ 200: { content: { 'text/csv': { schema: z.string() } }, description } });

/** A report's table as CSV for spreadsheets: UTF-8 with BOM, CRLF, English column names. */
function tableCsv(data: ReportDataT, table: ReportTableT): string {
  const t = reportTable(data, table);
  return toCsv([t.columns, ...t.rows]);
}

/**
 * Reports (issue 14), every one ward-scoped: a ward operator's reports cover its ward only, and
 * naming another ward's screen, ward or report answers 404 as if it did not exist.
 */
export function reportRoutes(deps: { db: Db; auth: SessionService; audit: AuditLog; clock: Clock; screens: ScreenRepo; wards: WardRepo; reporting: Reporting }) {
  const app = newRouter();
  const tags = ['reports'];
  const { reporting } = deps;

  const compute = (c: Parameters<typeof scopeOf>[0], q: ReportQuery) => {
    const [from, to] = checkPeriod(q.from, q.to);
    const screens = chooseScreens(deps.screens.listEver(), q, scopeOf(c), (code) => deps.wards.get(code) !== undefined);
    reporting.sessions.flush();
    return reporting.queries.compute(screens, q, from, to);
  };

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reports/summary', tags,
      summary: 'Plays and airtime per theme, ward, day and item, uptime, emergencies and QR scans over local days from…to, for chosen wards, location kinds and screens',
      ...guarded(deps.auth.require('any')),
      request: { query: ReportQuery },
      responses: { 200: jsonResponse(ReportData, 'The report'), ...commonErrors, ...notFoundErrors },
    }),
    (c) => c.json(compute(c, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reports/csv/{table}', tags,
      summary: 'One table of the same report as CSV (UTF-8 with BOM, CRLF, English column names; themes by number 1–7)',
      ...guarded(deps.auth.require('any')),
      request: { params: TableParam, query: ReportQuery },
      responses: { ...csv('The table'), ...commonErrors, ...notFoundErrors },
    }),
    (c) => {
      const { table } = c.req.valid('param');
      const q = c.req.valid('query');
      const body = tableCsv(compute(c, q), table);
      c.header('Content-Disposition', `attachment; filename="bangtin-${table}-${q.from}-${q.to}.csv"`);
      c.header('Cache-Control', 'no-store');
      return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reports/playout', tags,
      summary: 'Every play of local days from…to in the 19-field digital playout format (no header, LF after every record, streamed); see README "Playout export"',
      ...guarded(deps.auth.require('any')),
      request: { query: PlayoutQuery },
      responses: { ...csv('One record per play, oldest first'), ...commonErrors, ...notFoundErrors },
    }),
    (c) => {
      const q = c.req.valid('query');
      const [from, to] = checkPeriod(q.from, q.to);
      const scope = scopeOf(c);
      const screens = chooseScreens(deps.screens.listEver(), { ...q, locationKinds: [] }, scope, (code) => deps.wards.get(code) !== undefined);
      const all = scope.isCity && !q.wards.length && !q.screens.length;
      const stream = playoutStream({ db: deps.db, items: reporting.queries.items }, dayStart(from), dayStart(to + 1), all ? null : screens.map((s) => s.id));
      c.header('Content-Disposition', `attachment; filename="bangtin-playout-${q.from}-${q.to}.csv"`);
      c.header('Cache-Control', 'no-store');
      return c.body(stream, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reports/periodic', tags,
      summary: 'The six-month and yearly reports with their status, newest deadline first',
      ...guarded(deps.auth.require('any')),
      responses: { 200: jsonResponse(PeriodicReportList, 'The reports the user sees'), ...commonErrors },
    }),
    (c) => c.json({ reports: reporting.periodic.list(scopeOf(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/reports/periodic', tags,
      summary: 'Draft a periodic report now (the job drafts them a week before each deadline)',
      ...guarded(deps.auth.require('write_reports')),
      request: jsonBody(PeriodicCreate),
      responses: { 201: jsonResponse(PeriodicReport, 'Drafted, over its default period'), ...commonErrors, ...notFoundErrors, 409: errorResponse('report_exists') },
    }),
    (c) => {
      const body = c.req.valid('json');
      const scope = scopeOf(c);
      const user = c.get('user');
      // A ward operator's report is its ward's; naming another ward is naming one it does not see.
      const wardCode = scope.isCity ? (body.wardCode ?? null) : scope.ward;
      if (body.wardCode && !scope.sees(body.wardCode)) throw notFound('ward');
      // (Only city roles have no ward; those that reach here have the right to write reports.)
      if (wardCode === null && !scope.isCity) throw notFound('ward');
      const report = deps.audit.transaction(c, (log) => {
        const created = reporting.periodic.create(body.kind, body.year, wardCode, 'user', user.id);
        log({ action: 'create', objectType: 'report', objectId: created.id, wardCode, after: { kind: body.kind, year: body.year } });
        return created;
      });
      return c.json(report, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reports/periodic/{id}', tags,
      summary: 'A periodic report with its numbers: computed now while draft, as frozen once final',
      ...guarded(deps.auth.require('any')),
      request: { params: IdParam },
      responses: { 200: jsonResponse(PeriodicReportView, 'The report'), ...commonErrors, ...notFoundErrors },
    }),
    (c) => {
      reporting.sessions.flush();
      return c.json(reporting.periodic.view(c.req.valid('param').id, scopeOf(c)), 200);
    },
  );

  /** A city report is the city's writers' to change; a ward operator's scope does not see it. */
  const writable = (c: Parameters<typeof scopeOf>[0], id: string) => {
    const scope = scopeOf(c);
    const report = reporting.periodic.get(id, scope);
    if (report.wardCode === null && !scope.isCity) throw notFound('report');
    return report;
  };

  app.openapi(
    createRoute({
      method: 'patch', path: '/api/reports/periodic/{id}', tags,
      summary: 'Change a draft report\'s period or unit name',
      ...guarded(deps.auth.require('write_reports')),
      request: { params: IdParam, ...jsonBody(PeriodicUpdate) },
      responses: { 200: jsonResponse(PeriodicReport, 'Changed'), ...commonErrors, ...notFoundErrors, 409: errorResponse('report_final') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const before = writable(c, id);
      const changes = c.req.valid('json');
      const report = deps.audit.transaction(c, (log) => {
        const updated = reporting.periodic.update(id, changes, scopeOf(c));
        log({ action: 'update', objectType: 'report', objectId: id, wardCode: before.wardCode,
          before: { period: before.period, unitName: before.unitName }, after: { period: updated.period, unitName: updated.unitName } });
        return updated;
      });
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/reports/periodic/{id}/final', tags,
      summary: 'Mark a report final: its numbers are frozen and never change again',
      ...guarded(deps.auth.require('write_reports')),
      request: { params: IdParam },
      responses: { 200: jsonResponse(PeriodicReport, 'Frozen'), ...commonErrors, ...notFoundErrors, 409: errorResponse('report_final') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const before = writable(c, id);
      reporting.sessions.flush();
      const report = deps.audit.transaction(c, (log) => {
        const frozen = reporting.periodic.finalize(id, c.get('user').id, scopeOf(c));
        log({ action: 'finalize', objectType: 'report', objectId: id, wardCode: before.wardCode, after: { frozenAt: frozen.frozenAt } });
        return frozen;
      });
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reports/periodic/{id}/csv/{table}', tags,
      summary: 'One table of a periodic report as CSV (UTF-8 with BOM, CRLF)',
      ...guarded(deps.auth.require('any')),
      request: { params: IdParam.extend({ table: ReportTable }) },
      responses: { ...csv('The table'), ...commonErrors, ...notFoundErrors },
    }),
    (c) => {
      const { id, table } = c.req.valid('param');
      const report = reporting.periodic.view(id, scopeOf(c));
      c.header('Content-Disposition', `attachment; filename="bangtin-${report.kind}-${report.year}-${table}.csv"`);
      c.header('Cache-Control', 'no-store');
      return c.body(tableCsv(report.data, table), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );

  return app;
}
