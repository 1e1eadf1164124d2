import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  HOUR_MS,
  Id,
  Instant,
  LocalDate,
  LocationKind,
  PlayingAt,
  RULE_REFS,
  Timeline,
  TimelineGroups,
  WardCode,
  type FallbackChoice,
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
import type { ManifestBuilder } from '../publishing/manifests.ts';
import type { ScreenRecord, ScreenRepo } from '../repos/screens.ts';
import type { WardRepo } from '../repos/wards.ts';
import { commonErrors, errorResponse, guarded, jsonResponse, newRouter } from './router.ts';

/** Exactly one of a screen, a ward or a location kind: the last two answer one timeline per audience. */
const TimelineQuery = z
  .object({
    screenId: Id.optional(),
    ward: WardCode.optional(),
    locationKind: LocationKind.optional(),
    date: LocalDate,
    days: z.enum(['1', '7']).optional().transform((d) => Number(d ?? '1')),
  })
  .refine((q) => [q.screenId, q.ward, q.locationKind].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of screenId, ward, locationKind',
    path: ['screenId'],
  });
const AtQuery = z.object({ screenId: Id, at: Instant });

/** The rule a reason cites and, for the fallback playing, whose fallback it is ([S7]). */
const withRef = (r: Reason, fallback?: FallbackChoice) => ({
  ...r,
  ruleRef: RULE_REFS[r.rule],
  ...(fallback && r.rule === 'fallback_rotation' ? { fallback: fallback.source } : {}),
});
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

function hoursOf(body: ManifestBody, from: number, days: number, fallback: FallbackChoice) {
  return timeline(body, from, 24 * days).map((h) => ({
    start: toLocalIso(h.start),
    end: toLocalIso(h.end),
    first: { itemId: h.first.itemId, since: toLocalIso(h.first.since), reason: withRef(h.first.reason, fallback) },
    plays: h.plays.map((p) => ({ ...p, ruleRef: RULE_REFS[p.rule] })),
    flags: h.flags,
  }));
}

const screenOf = (s: ScreenRecord) => ({ id: s.id, name: s.name, wardCode: s.wardCode ?? null, locationKind: s.locationKind });

/**
 * "What will screen X show at 18:30 on Saturday, and why?" Both answers come from `resolve`
 * over the manifest the screen gets (ManifestBuilder.groupsFor), so they are what it will play.
 */
export function timelineRoutes(deps: { auth: SessionService; screens: ScreenRepo; manifests: ManifestBuilder; wards: WardRepo }) {
  const app = newRouter();
  const tags = ['schedules'];
  /** A ward operator asks only about its ward's screens; another ward's is screen_not_found. */
  const screenById = (id: string, scope: WardScope) => scope.find(deps.screens.get(id), (s) => s.wardCode, () => notFound('screen'));

  app.openapi(
    createRoute({
      method: 'get', path: '/api/timeline',
      summary: 'Hour by hour, what a screen (or each group of alike screens of a ward or a location kind) will play on a day or a week, why, and conflict flags',
      tags,
      ...guarded(deps.auth.require('any')),
      request: { query: TimelineQuery },
      responses: {
        200: jsonResponse(z.union([Timeline, TimelineGroups]), 'One block per hour: for a screen, its timeline; for a ward or a location kind, one per group of screens that play alike'),
        ...commonErrors,
        404: errorResponse('screen_not_found'),
      },
    }),
    (c) => {
      const { screenId, ward, locationKind, date, days } = c.req.valid('query');
      const scope = scopeOf(c);
      const from = localToInstant(date);
      if (screenId !== undefined) {
        const screen = screenById(screenId, scope);
        const { body, fallback } = deps.manifests.groupsFor([screen], from, days)[0]!;
        return c.json({ screen: screenOf(screen), date, days, fallback, hours: hoursOf(body, from, days, fallback), ...labels(body) }, 200);
      }
      // A ward operator asks only about its own ward; another ward answers like a missing one.
      if (ward !== undefined && (!deps.wards.get(ward) || !scope.sees(ward))) throw notFound('ward');
      const screens = scope.only(deps.screens.list(), (s) => s.wardCode).filter((s) => (ward !== undefined ? s.wardCode === ward : s.locationKind === locationKind));
      const groups = deps.manifests.groupsFor(screens, from, days).map((g) => ({
        screens: g.screens.map(screenOf),
        fallback: g.fallback,
        hours: hoursOf(g.body, from, days, g.fallback),
        ...labels(g.body),
      }));
      return c.json({ ward: ward ?? null, locationKind: locationKind ?? null, date, days, groups }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/timeline/at', summary: 'What a screen shows at one instant, since when, what next, and why', tags,
      ...guarded(deps.auth.require('any')),
      request: { query: AtQuery },
      responses: { 200: jsonResponse(PlayingAt, 'The resolver\'s answer'), ...commonErrors, 404: errorResponse('screen_not_found') },
    }),
    (c) => {
      const { screenId, at } = c.req.valid('query');
      const screen = screenById(screenId, scopeOf(c));
      const ms = Date.parse(at);
      // A horizon from the day before, so a window that began then is in the manifest.
      const { body, fallback } = deps.manifests.groupsFor([screen], ms - 24 * HOUR_MS, 2)[0]!;
      const main = resolve(body, ms).main;
      return c.json({
        screen: screenOf(screen),
        at: toLocalIso(ms),
        itemId: main.item?.id ?? null,
        playlistId: main.playlistId,
        since: toLocalIso(main.since),
        until: toLocalIso(main.until),
        next: { itemId: main.next.itemId, at: toLocalIso(main.next.at) },
        reason: withRef(main.reason, fallback),
        ...labels(body),
      }, 200);
    },
  );

  return app;
}
