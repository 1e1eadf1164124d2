import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { CommandRequest, CommandSent, FleetEventsQuery, Id, type ScreenStatus } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import { notFound } from '../errors.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { AccessChanges } from '../auth/access-changes.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import type { Fleet } from '../fleet/fleet.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

/** A quiet stream sends a comment this often, so proxies keep it open and a lost session ends it. */
export const KEEPALIVE_MS = 15_000;
/** A dashboard that falls this many batches behind is dropped; it reconnects and gets a snapshot. */
export const MAX_PENDING_WRITES = 20;

/**
 * `GET /api/screens/events`: the fleet dashboard's live feed (server-sent events). First a
 * `snapshot` with every screen and the dashboard's thresholds, then `screens` with the statuses
 * that changed. The session is checked again at every keep-alive and whenever some account's
 * access changes: a stream whose session ended, or whose user's role, ward or lock changed,
 * ends (the dashboard reconnects and gets a snapshot of what it may see now).
 *
 * With `?changes=ids` (the paged dashboard) the snapshot holds no screens and each change is the
 * event `changed` with ids only: the dashboard reads its page again when one of them is on it,
 * so a fan-out that changes 10,000 screens costs it one small event, not every status.
 */
export function fleetRoutes(deps: {
  auth: SessionService; access: AccessChanges; fleet: Fleet; screens: ScreenRepo; audit: AuditLog; keepAliveMs?: number;
}) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'post', path: '/api/screens/{id}/commands', tags: ['screens'],
      summary: 'Send a connected screen a remote action: reload, identify (its name full-screen for 10 s) or clear_cache',
      ...guarded(deps.auth.require('manage_screens')),
      request: { params: z.object({ id: Id }), ...jsonBody(CommandRequest) },
      responses: {
        202: jsonResponse(CommandSent, 'Sent; its answer shows in the screen\'s status (`command`)'),
        ...commonErrors,
        404: errorResponse('No such screen (screen_not_found)'),
        409: errorResponse('The screen is not connected (screen_offline)'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const { action } = c.req.valid('json');
      const screen = deps.screens.get(id);
      if (!screen) throw notFound('screen');
      const command = deps.audit.transaction(c, (log) => {
        const sent = deps.fleet.commands.send(id, action);
        log({ action: 'command', objectType: 'screen', objectId: id, wardCode: screen.wardCode ?? null, after: { command: action } });
        return sent;
      });
      return c.json({ command }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/screens/events', tags: ['screens'],
      summary: 'Live screen states (server-sent events: snapshot, then screens as they change)',
      ...guarded(deps.auth.require('any')),
      request: { query: FleetEventsQuery },
      responses: {
        200: {
          description:
            'text/event-stream. Event `snapshot`: {"screens":[ScreenStatus],"settings":{"graceMs","alertAfterMs"}}; ' +
            'event `screens`: {"screens":[ScreenStatus]} with the screens that changed; ' +
            'event `removed`: {"ids":[screen id]} with screens that left the fleet (retired), to drop. With `changes=ids`: the ' +
            'snapshot\'s `screens` is empty and changes come as event `changed`: {"ids":[screen id]}.',
          content: { 'text/event-stream': { schema: z.string() } },
        },
        ...commonErrors,
      },
    }),
    (c) => {
      // Reverse proxies (nginx) would otherwise buffer the stream and dashboards see nothing.
      c.header('X-Accel-Buffering', 'no');
      const idsOnly = c.req.valid('query').changes === 'ids';
      // A ward operator's dashboard carries its ward's screens only, in the snapshot and after.
      const scope = scopeOf(c);
      const visible = (screens: ScreenStatus[]) => scope.only(screens, (s) => s.wardCode);
      const opener = c.get('user');
      const stillAllowed = () => {
        const user = deps.auth.current(c)?.user;
        return user !== undefined && user.id === opener.id && user.role === opener.role && user.wardCode === opener.wardCode;
      };
      return streamSSE(c, async (stream) => {
        let pending = 0;
        let closed = false;
        // The loop below sleeps until the next keep-alive, or until some account's access changes.
        let recheck = false;
        let wake = () => {};
        const nap = (ms: number) => new Promise<void>((resolve) => {
          if (recheck || closed) return resolve();
          const timer = setTimeout(resolve, ms);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        const stopWatching = deps.access.subscribe(() => {
          recheck = true;
          wake();
        });
        const unsubscribe = deps.fleet.subscribe(
          (changed: ScreenStatus[]) => {
            const screens = visible(changed);
            if (!screens.length) return;
            if (idsOnly) send('changed', { ids: screens.map((s) => s.id) });
            else send('screens', { screens });
          },
          (removed) => {
            if (scope.sees(removed.wardCode)) send('removed', { ids: [removed.id] });
          },
        );
        const stop = () => {
          closed = true;
          unsubscribe();
          stopWatching();
          wake();
        };
        const send = (event: string, data: unknown) => {
          if (closed) return;
          if (pending >= MAX_PENDING_WRITES) {
            stop();
            void stream.close();
            return;
          }
          pending += 1;
          void stream.writeSSE({ event, data: JSON.stringify(data) }).finally(() => (pending -= 1));
        };
        stream.onAbort(stop);
        send('snapshot', { screens: idsOnly ? [] : visible(deps.fleet.snapshot()), settings: deps.fleet.settings });
        while (!closed && !stream.aborted) {
          await nap(deps.keepAliveMs ?? KEEPALIVE_MS);
          recheck = false;
          if (closed || stream.aborted || !stillAllowed()) break;
          await stream.write(': keep-alive\n\n');
        }
        stop();
      });
    },
  );

  return app;
}
