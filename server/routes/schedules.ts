import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, ScheduleEntry, ScheduleFields, ScheduleList, WardShareSetting, may, toLocalIso, type Schedule } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf, type WardScope } from '../auth/ward-scope.ts';
import type { Clock } from '../clock.ts';
import { hasEnded } from '../publishing/emergency-rules.ts';
import { scheduleState } from '../publishing/snapshot.ts';
import { AppError, notFound } from '../errors.ts';
import type { ManifestBuilder } from '../publishing/manifests.ts';
import type { Publisher } from '../publishing/publisher.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ScheduleRepo, StoredSchedule } from '../repos/schedules.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import type { User } from '../repos/users.ts';
import type { WardRepo } from '../repos/wards.ts';
import { newId } from '../ids.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: Id });
/**
 * Who schedules what ('schedule' and 'schedule_city' in playlists/permissions.ts): the city's
 * schedulers, any schedule. Ward operators: their own ward's local messages, and nothing else
 * (auth/ward-scope.ts):
 * - they see only schedules their ward owns; any other id is schedule_not_found;
 * - what they write has `ownerWard` = their ward (403 otherwise), so it is normal tier (the
 *   schema refuses priority and emergency for a ward schedule) and reaches only their ward's
 *   screens whatever else the target says (`targets`, [S12]): `target.wards` may name only
 *   their ward (schema), and location kinds and tags filter within it;
 * - `target.screenIds` may name only their ward's screens: another ward's is unknown_screen,
 *   exactly as a missing one;
 * - it plays their ward's own playlists only: a city playlist, or another ward's, is
 *   unknown_playlist. The city's content reaches their screens through city schedules, and the
 *   ward share is for local messages. (A city operator may give a ward schedule any playlist.)
 * An approver or admin may delete (take down) any ward's schedule.
 */
const scheduleOwner = (s: StoredSchedule) => s.schedule.ownerWard;

type Issue = { path: string; message: string };

/** Refuses what the user may not schedule (403), before anything is looked up. */
function checkAllowed(user: User, fields: Pick<Schedule, 'ownerWard'>, existing?: Schedule): void {
  if (may(user.role, 'schedule_city')) return;
  const own = (s: Pick<Schedule, 'ownerWard'>) => s.ownerWard !== null && s.ownerWard === user.wardCode;
  if (!own(fields) || (existing && !own(existing))) {
    throw new AppError(403, 'forbidden', 'A ward operator schedules only local messages of their own ward');
  }
}

export function scheduleRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  schedules: ScheduleRepo;
  playlists: PlaylistRepo;
  screens: ScreenRepo;
  wards: WardRepo;
  revisions: RevisionRepo;
  settings: SettingsRepo;
  manifests: ManifestBuilder;
  audit: AuditLog;
  publisher: Pick<Publisher, 'setWardShare'>;
}) {
  const app = newRouter();
  const tags = ['schedules'];
  const write = deps.auth.require('schedule');
  const entry = ({ schedule, updatedAt }: StoredSchedule) => ({
    schedule,
    state: scheduleState(schedule, deps.revisions.latest().snapshot),
    updatedAt: toLocalIso(updatedAt),
  });

  /** What the schedule refers to must exist (for the user), and a ward schedule's screens must be in its ward (422). */
  function checkReferences(fields: ScheduleFields, scope: WardScope): void {
    const playlist = deps.playlists.get(fields.playlistId);
    if (!playlist || !scope.sees(playlist.ownerWard)) {
      throw new AppError(422, 'unknown_playlist', 'The schedule names a playlist that does not exist', [
        { path: 'playlistId', message: `no playlist ${fields.playlistId}` },
      ]);
    }
    const wards: Issue[] = [];
    if (fields.ownerWard !== null && !deps.wards.get(fields.ownerWard)) wards.push({ path: 'ownerWard', message: `no ward ${fields.ownerWard}` });
    fields.target.wards.forEach((code, i) => {
      if (!deps.wards.get(code)) wards.push({ path: `target.wards.${i}`, message: `no ward ${code}` });
    });
    if (wards.length) throw new AppError(422, 'unknown_ward', 'The schedule names wards that do not exist', wards);
    const screens: Issue[] = [];
    const outside: Issue[] = [];
    fields.target.screenIds.forEach((id, i) => {
      const screen = deps.screens.get(id);
      if (!screen || !scope.sees(screen.wardCode)) screens.push({ path: `target.screenIds.${i}`, message: `no screen ${id}` });
      else if (fields.ownerWard !== null && screen.wardCode !== fields.ownerWard) {
        outside.push({ path: `target.screenIds.${i}`, message: `screen ${id} is not in ward ${fields.ownerWard}` });
      }
    });
    if (screens.length) throw new AppError(422, 'unknown_screen', 'The schedule names screens that do not exist', screens);
    if (outside.length) throw new AppError(422, 'screen_outside_ward', "A ward schedule reaches only its own ward's screens", outside);
  }

  app.openapi(
    createRoute({
      method: 'get', path: '/api/schedules', summary: 'Draft schedules and the ward share setting', tags,
      description: 'Emergencies and broadcast alerts past their end time are left out: they are history, listed by GET /api/emergencies.',
      ...guarded(deps.auth.require('any')),
      responses: { 200: jsonResponse(ScheduleList, 'The draft schedules the user sees, without ended alerts'), ...commonErrors },
    }),
    (c) => {
      const now = deps.clock.now();
      const drafts = scopeOf(c).only(deps.schedules.list(), scheduleOwner).filter((s) => !hasEnded(s.schedule, now));
      return c.json({ schedules: drafts.map(entry), wardShare: deps.manifests.wardShareSetting() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/schedules', summary: 'Create a draft schedule; screens get it at the next publish', tags,
      ...guarded(write),
      request: jsonBody(ScheduleFields),
      responses: {
        201: jsonResponse(ScheduleEntry, 'Created'),
        ...commonErrors,
        422: errorResponse('unknown_playlist, unknown_ward, unknown_screen or screen_outside_ward (issues say which)'),
      },
    }),
    (c) => {
      const fields = c.req.valid('json');
      checkAllowed(c.get('user'), fields);
      checkReferences(fields, scopeOf(c));
      const id = newId('sch');
      deps.audit.transaction(c, (log) => {
        deps.schedules.insert(id, fields, deps.clock.now());
        log({ action: 'create', objectType: 'schedule', objectId: id, wardCode: fields.ownerWard, after: fields });
      });
      return c.json(entry(deps.schedules.get(id)!), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/schedules/{id}', summary: 'One draft schedule', tags,
      ...guarded(deps.auth.require('any')),
      request: { params: Params },
      responses: { 200: jsonResponse(ScheduleEntry, 'The schedule'), ...commonErrors, 404: errorResponse('schedule_not_found') },
    }),
    (c) => {
      const stored = scopeOf(c).find(deps.schedules.get(c.req.valid('param').id), scheduleOwner, () => notFound('schedule'));
      return c.json(entry(stored), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/schedules/{id}', summary: 'Replace a draft schedule', tags,
      ...guarded(write),
      request: { params: Params, ...jsonBody(ScheduleFields) },
      responses: {
        200: jsonResponse(ScheduleEntry, 'Saved'),
        ...commonErrors,
        404: errorResponse('schedule_not_found'),
        422: errorResponse('unknown_playlist, unknown_ward, unknown_screen or screen_outside_ward'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const fields = c.req.valid('json');
      const scope = scopeOf(c);
      const before = scope.find(deps.schedules.get(id), scheduleOwner, () => notFound('schedule'));
      checkAllowed(c.get('user'), fields, before.schedule);
      checkReferences(fields, scope);
      deps.audit.transaction(c, (log) => {
        deps.schedules.update(id, fields, deps.clock.now());
        log({ action: 'update', objectType: 'schedule', objectId: id, wardCode: fields.ownerWard, before: before.schedule, after: fields });
      });
      return c.json(entry(deps.schedules.get(id)!), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/schedules/{id}', summary: 'Delete a draft schedule; screens drop it at the next publish', tags,
      ...guarded(write),
      request: { params: Params },
      responses: { 204: { description: 'Deleted' }, ...commonErrors, 404: errorResponse('schedule_not_found') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const before = scopeOf(c).find(deps.schedules.get(id), scheduleOwner, () => notFound('schedule'));
      checkAllowed(c.get('user'), before.schedule, before.schedule);
      deps.audit.transaction(c, (log) => {
        deps.schedules.delete(id);
        log({ action: 'delete', objectType: 'schedule', objectId: id, wardCode: before.schedule.ownerWard, before: before.schedule });
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/ward-share',
      summary: 'Set the ward share rule (one local item after every N city items, capped per ward); applies at once', tags,
      ...guarded(deps.auth.require('set_ward_share')),
      request: jsonBody(WardShareSetting),
      responses: { 200: jsonResponse(WardShareSetting, 'Saved; screens get new manifests now'), ...commonErrors },
    }),
    (c) => {
      const setting = c.req.valid('json');
      const before = deps.manifests.wardShareSetting();
      deps.audit.transaction(c, (log) => {
        deps.publisher.setWardShare(setting);
        log({ action: 'update', objectType: 'ward_share', before, after: setting });
      });
      return c.json(deps.manifests.wardShareSetting(), 200);
    },
  );

  return app;
}
