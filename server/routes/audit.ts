import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AuditPage, LocalDate, WardCode, localToInstant, toLocalIso, type AuditEntry } from '../../playlists/index.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { toCsv } from '../http/csv.ts';
import { AppError } from '../errors.ts';
import type { AuditFilter, AuditRepo, AuditRow } from '../repos/audit.ts';
import { commonErrors, errorResponse, guarded, jsonResponse, newRouter } from './router.ts';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 50;
export const MAX_EXPORT_ROWS = 100_000;
const EXPORT_CHUNK = 1_000;

const positive = (what: string) => z.string().regex(/^[1-9]\d{0,12}$/, `expected ${what}`).transform(Number);

/** Filters shared by the page and the CSV export. Dates are local (Asia/Ho_Chi_Minh) and inclusive. */
const Filter = z.object({
  userId: positive('a user id').optional(),
  wardCode: WardCode.optional(),
  objectType: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected an object type').optional(),
  objectId: z.string().min(1).max(64).optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
});
const PageQuery = Filter.extend({
  before: positive('an entry id').optional(),
  limit: z.string().regex(/^\d{1,3}$/, 'expected 1 to 200').transform(Number).pipe(z.int().min(1).max(200)).optional(),
});

function toFilter(q: z.infer<typeof Filter>): AuditFilter {
  if (q.from && q.to && q.from > q.to) {
    throw new AppError(400, 'invalid_request', 'from must not be after to', [{ path: 'to', message: 'must not be before from' }]);
  }
  return {
    userId: q.userId,
    wardCode: q.wardCode,
    objectType: q.objectType,
    objectId: q.objectId,
    from: q.from ? localToInstant(q.from) : undefined,
    until: q.to ? localToInstant(q.to) + DAY_MS : undefined,
  };
}

const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

const entryOf = (r: AuditRow): AuditEntry => ({ ...r, at: toLocalIso(r.at), before: parsed(r.before), after: parsed(r.after) });

const CSV_HEADER = ['id', 'at', 'user_id', 'username', 'address', 'action', 'object_type', 'object_id', 'ward_code', 'before', 'after'];
const csvRow = (r: AuditRow) => [r.id, toLocalIso(r.at), r.userId, r.username, r.address, r.action, r.objectType, r.objectId, r.wardCode, r.before, r.after];

/** The audit log, read by admins: filtered pages and a CSV export of the same filter. */
export function auditRoutes(deps: { auth: SessionService; clock: Clock; auditEntries: AuditRepo }) {
  const app = newRouter();
  const tags = ['audit'];
  const admin = deps.auth.require('read_audit');

  app.openapi(
    createRoute({
      method: 'get', path: '/api/audit', summary: 'Audit entries, newest first, filtered; page with `before`', tags,
      ...guarded(admin),
      request: { query: PageQuery },
      responses: { 200: jsonResponse(AuditPage, 'One page'), ...commonErrors },
    }),
    (c) => {
      const q = c.req.valid('query');
      const limit = q.limit ?? PAGE_SIZE;
      const rows = deps.auditEntries.query({ ...toFilter(q), before: q.before }, limit + 1);
      const page = rows.slice(0, limit);
      const nextBefore = rows.length > limit ? page[page.length - 1]!.id : null;
      return c.json({ entries: page.map(entryOf), nextBefore }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/audit.csv',
      summary: 'The same filter as CSV (UTF-8 with BOM, CRLF; formula-like cells start with a quote)', tags,
      ...guarded(admin),
      request: { query: Filter },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV, newest first' },
        ...commonErrors,
        422: errorResponse(`too_many_rows: more than ${MAX_EXPORT_ROWS} entries match; narrow the filter`),
      },
    }),
    (c) => {
      const filter = toFilter(c.req.valid('query'));
      const rows: AuditRow[] = [];
      for (let before: number | undefined; ; ) {
        const chunk = deps.auditEntries.query({ ...filter, before }, EXPORT_CHUNK);
        rows.push(...chunk);
        if (rows.length > MAX_EXPORT_ROWS) {
          throw new AppError(422, 'too_many_rows', `More than ${MAX_EXPORT_ROWS} entries match; narrow the filter`);
        }
        if (chunk.length < EXPORT_CHUNK) break;
        before = chunk[chunk.length - 1]!.id;
      }
      const stamp = toLocalIso(deps.clock.now()).slice(0, 10);
      c.header('Content-Disposition', `attachment; filename="bangtin-audit-${stamp}.csv"`);
      c.header('Cache-Control', 'no-store');
      return c.body(toCsv([CSV_HEADER, ...rows.map(csvRow)]), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );

  return app;
}
