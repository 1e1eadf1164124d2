import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CalendarFeedIssued, CalendarFeedStatus, Id, WardCode, toLocalIso } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { Calendars, CalendarQuery } from '../calendar/calendars.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import type { CalendarFeedRepo } from '../repos/calendar-feeds.ts';
import { commonErrors, errorResponse, guarded, jsonResponse, newRouter } from './router.ts';

const Query = z.object({
  ward: WardCode.optional().openapi({ description: 'A ward\'s code: what plays on its screens' }),
  screen: Id.optional().openapi({ description: 'A screen\'s id: what plays on it' }),
});

/** Where a secret feed is served: outside /api, as calendar applications send no session. */
export const feedPath = (token: string) => `/calendar/${token}.ics`;

function calendarResponse(ics: { file: string; text: string }, download: boolean): Response {
  return new Response(ics.text, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `${download ? 'attachment' : 'inline'}; filename="${ics.file}"`,
      'Cache-Control': 'private, no-cache',
    },
  });
}

function queryOf(q: z.infer<typeof Query>): CalendarQuery {
  if (q.ward !== undefined && q.screen !== undefined) throw new AppError(400, 'invalid_request', 'Ask for a ward or a screen, not both');
  return { ...(q.ward !== undefined ? { ward: q.ward } : {}), ...(q.screen !== undefined ? { screen: q.screen } : {}) };
}

/** The published schedules as iCalendar (issue 17), and each user's secret feed of them. */
export function calendarRoutes(deps: { auth: SessionService; audit: AuditLog; clock: Clock; calendars: Calendars; calendarFeeds: CalendarFeedRepo }) {
  const app = newRouter();
  const tags = ['calendar'];
  const signedIn = deps.auth.require('any');

  app.openapi(
    createRoute({
      method: 'get', path: '/api/calendar.ics', tags,
      summary: 'The published schedules of a ward or a screen as iCalendar (RFC 5545), in Asia/Ho_Chi_Minh',
      description: 'One VEVENT per daily window of each schedule, weekdays as RRULE, the date range as UNTIL. A ward operator gets its own ward\'s; another ward or screen answers 404.',
      ...guarded(signedIn),
      request: { query: Query },
      responses: {
        200: { content: { 'text/calendar': { schema: z.string() } }, description: 'An iCalendar file' },
        ...commonErrors,
        404: errorResponse('ward_not_found, screen_not_found'),
      },
    }),
    (c) => calendarResponse(deps.calendars.ics(c.get('user'), queryOf(c.req.valid('query'))), true) as never,
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/calendar/feed', summary: 'Whether you have a secret calendar feed', tags,
      ...guarded(signedIn),
      responses: { 200: jsonResponse(CalendarFeedStatus, 'Your feed'), ...commonErrors },
    }),
    (c) => {
      const at = deps.calendarFeeds.createdAt(c.get('user').id);
      return c.json({ active: at !== null, createdAt: at === null ? null : toLocalIso(at) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/calendar/feed', tags,
      summary: 'A new secret feed address for calendar applications (the one before stops working); shown only now',
      ...guarded(signedIn),
      responses: { 201: jsonResponse(CalendarFeedIssued, 'The feed\'s path; add ?ward= or ?screen= as for /api/calendar.ics'), ...commonErrors },
    }),
    (c) => {
      const now = deps.clock.now();
      const token = deps.audit.transaction(c, (log) => {
        const issued = deps.calendars.issueFeed(c.get('user').id, now);
        log({ action: 'create', objectType: 'calendar_feed', objectId: c.get('user').id });
        return issued;
      });
      return c.json({ path: feedPath(token), createdAt: toLocalIso(now) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/calendar/feed', summary: 'Revoke your secret calendar feed', tags,
      ...guarded(signedIn),
      responses: { 204: { description: 'Revoked' }, ...commonErrors, 404: errorResponse('calendar_feed_not_found') },
    }),
    (c) => {
      deps.audit.transaction(c, (log) => {
        if (!deps.calendarFeeds.delete(c.get('user').id)) throw notFound('calendar_feed');
        log({ action: 'revoke', objectType: 'calendar_feed', objectId: c.get('user').id });
      });
      return c.body(null, 204);
    },
  );

  // The secret feed: the token in the path is the only credential, read as its user would be.
  app.get('/calendar/:file', (c) => {
    const token = /^(.+)\.ics$/.exec(c.req.param('file'))?.[1];
    const user = token ? deps.calendars.feedUser(token) : undefined;
    if (!user) return c.text('Not found', 404);
    const parsed = Query.safeParse({ ward: c.req.query('ward'), screen: c.req.query('screen') });
    if (!parsed.success) return c.text('Bad request', 400);
    try {
      return calendarResponse(deps.calendars.ics(user, queryOf(parsed.data)), false);
    } catch (err) {
      if (err instanceof AppError) return c.text(err.message, err.status);
      throw err;
    }
  });

  return app;
}
