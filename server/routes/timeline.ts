import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  HOUR_MS,
  Id,
  Instant,
  LocalDate,
  PlayingAt,
  RULE_REFS,
  Timeline,
  localToInstant,
  resolve,
  timeline,
  toLocalIso,
  type ManifestBody,
  type Reason,
} from '../../playlists/index.ts';
import type { SessionService } from '../auth/sessions.ts';
import { WardScope, scopeOf } from '../auth/ward-scope.ts';
import { notFound } from '../errors.ts';
import type { ManifestBuilder } from '../manifests.ts';
import type { ScreenRecord, ScreenRepo } from '../repos/screens.ts';
import { commonErrors, cookieAuth, errorResponse, jsonResponse, newRouter } from './router.ts';

const TimelineQuery = z.object({
  screenId: Id,
  date: LocalDate,
  days: z.enum(['1', '7']).optional().transform((d) => Number(d ?? '1')),
});
const AtQuery = z.object({ screenId: Id, at: Instant });

const withRef = (r: Reason) => ({ ...r, ruleRef: RULE_REFS[r.rule] });
function labelOf(item: ManifestBody['items'][number]): string {
  switch (item.kind) {
    case 'slogan':
    case 'ticker':
      return item.text;
    case 'clock':
      return item.caption ?? 'clock';
    case 'story':
      return item.name;
    case 'image':
      return item.caption ?? 'image';
    case 'video':
      return 'video';
    case 'countdown':
    case 'notice':
      return item.title;
  }
}

function labels(body: ManifestBody) {
  return {
    schedules: body.schedules.map((s) => ({ id: s.id, name: s.name, tier: s.tier, playlistId: s.playlistId, ownerWard: s.ownerWard })),
    playlists: body.playlists.map((p) => ({ id: p.id, name: p.name })),
    items: body.items.map((i) => ({ id: i.id, label: labelOf(i) })),
  };
}

const screenOf = (s: ScreenRecord) => ({ id: s.id, name: s.name, wardCode: s.wardCode ?? null, locationKind: s.locationKind });

/**
 * "What will screen X show at 18:30 on Saturday, and why?" Both answers come from `resolve`
 * over the manifest the screen gets (ManifestBuilder.bodyFor), so they are what it will play.
 */
export function timelineRoutes(deps: { auth: SessionService; screens: ScreenRepo; manifests: ManifestBuilder }) {
  const app = newRouter();
  const tags = ['schedules'];
  /** A ward operator asks only about its ward's screens; another ward's is screen_not_found. */
  const screenById = (id: string, scope: WardScope) => scope.find(deps.screens.get(id), (s) => s.wardCode, () => notFound('screen'));

  app.openapi(
    createRoute({
      method: 'get', path: '/api/timeline',
      summary: 'Hour by hour, what a screen will play on a day or a week, why, and conflict flags', tags, security: cookieAuth,
      middleware: [deps.auth.require('any')] as const,
      request: { query: TimelineQuery },
      responses: { 200: jsonResponse(Timeline, 'One block per hour'), ...commonErrors, 404: errorResponse('screen_not_found') },
    }),
    (c) => {
      const { screenId, date, days } = c.req.valid('query');
      const screen = screenById(screenId, scopeOf(c));
      const from = localToInstant(date);
      const body = deps.manifests.bodyFor(screen, from, days);
      const hours = timeline(body, from, 24 * days).map((h) => ({
        start: toLocalIso(h.start),
        end: toLocalIso(h.end),
        first: { itemId: h.first.itemId, since: toLocalIso(h.first.since), reason: withRef(h.first.reason) },
        plays: h.plays.map((p) => ({ ...p, ruleRef: RULE_REFS[p.rule] })),
        flags: h.flags,
      }));
      return c.json({ screen: screenOf(screen), date, days, hours, ...labels(body) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/timeline/at', summary: 'What a screen shows at one instant, since when, what next, and why', tags,
      security: cookieAuth,
      middleware: [deps.auth.require('any')] as const,
      request: { query: AtQuery },
      responses: { 200: jsonResponse(PlayingAt, 'The resolver\'s answer'), ...commonErrors, 404: errorResponse('screen_not_found') },
    }),
    (c) => {
      const { screenId, at } = c.req.valid('query');
      const screen = screenById(screenId, scopeOf(c));
      const ms = Date.parse(at);
      // A horizon from the day before, so a window that began then is in the manifest.
      const body = deps.manifests.bodyFor(screen, ms - 24 * HOUR_MS, 2);
      const main = resolve(body, ms).main;
      return c.json({
        screen: screenOf(screen),
        at: toLocalIso(ms),
        itemId: main.item?.id ?? null,
        playlistId: main.playlistId,
        since: toLocalIso(main.since),
        until: toLocalIso(main.until),
        next: { itemId: main.next.itemId, at: toLocalIso(main.next.at) },
        reason: withRef(main.reason),
        ...labels(body),
      }, 200);
    },
  );

  return app;
}
