import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, Ward, WardCode, WardCreate, WardEntry, WardFields, WardImport, WardImportResult, WardList } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { Publisher } from '../publishing/publisher.ts';
import type { WardRepo } from '../repos/wards.ts';
import { readWardCsv } from '../wards/ward-import.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ code: WardCode });
const ScreenParams = z.object({ id: Id });
const ScreenWard = z.strictObject({ wardCode: WardCode.nullable() });
const ScreenWardResult = z.object({ id: Id, wardCode: WardCode.nullable() });

const fieldsOf = (w: Ward) => ({ code: w.code, name: w.name, kind: w.kind });

/** Wards (communes and wards): everyone signed in reads them; admins create, import, rename and link screens. */
export function wardRoutes(deps: { auth: SessionService; clock: Clock; wards: WardRepo; screens: ScreenRepo; audit: AuditLog; publisher: Pick<Publisher, 'setScreenWard'> }) {
  const app = newRouter();
  const tags = ['wards'];
  const admin = deps.auth.require('manage_wards');
  const existing = (code: string): WardEntry => {
    const ward = deps.wards.get(code);
    if (!ward) throw notFound('ward');
    return ward;
  };

  app.openapi(
    createRoute({
      method: 'get', path: '/api/wards', summary: 'Every ward, with its linked screens and operators', tags,
      ...guarded(deps.auth.require('any')),
      responses: { 200: jsonResponse(WardList, 'Wards by name'), ...commonErrors },
    }),
    (c) => c.json({ wards: deps.wards.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/wards', summary: 'Add a ward', tags,
      ...guarded(admin),
      request: jsonBody(WardCreate),
      responses: { 201: jsonResponse(WardEntry, 'Added'), ...commonErrors, 409: errorResponse('ward_exists') },
    }),
    (c) => {
      const ward = c.req.valid('json');
      deps.audit.transaction(c, (log) => {
        if (deps.wards.get(ward.code)) throw new AppError(409, 'ward_exists', 'A ward with that code exists');
        deps.wards.insert(ward, deps.clock.now());
        log({ action: 'create', objectType: 'ward', objectId: ward.code, wardCode: ward.code, after: ward });
      });
      return c.json(existing(ward.code), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/wards/{code}', summary: 'Rename a ward or change its kind', tags,
      ...guarded(admin),
      request: { params: Params, ...jsonBody(WardFields) },
      responses: { 200: jsonResponse(WardEntry, 'Saved'), ...commonErrors, 404: errorResponse('ward_not_found') },
    }),
    (c) => {
      const before = existing(c.req.valid('param').code);
      const fields = c.req.valid('json');
      deps.audit.transaction(c, (log) => {
        deps.wards.update(before.code, fields, deps.clock.now());
        log({ action: 'update', objectType: 'ward', objectId: before.code, wardCode: before.code,
          before: fieldsOf(before), after: { code: before.code, ...fields } });
      });
      return c.json(existing(before.code), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/wards/{code}', summary: 'Remove a ward no screen or operator is linked to', tags,
      ...guarded(admin),
      request: { params: Params },
      responses: {
        204: { description: 'Removed' },
        ...commonErrors,
        404: errorResponse('ward_not_found'),
        409: errorResponse('ward_in_use: screens or operators are linked to it'),
      },
    }),
    (c) => {
      const ward = existing(c.req.valid('param').code);
      // Retired screens count too: their history (plays, uptime) is the ward's in its reports.
      const retired = deps.wards.retiredScreens(ward.code);
      if (ward.screens || ward.users || retired) {
        throw new AppError(409, 'ward_in_use', 'Screens or operators are linked to this ward', [
          { path: 'screens', message: `${ward.screens} linked` },
          { path: 'users', message: `${ward.users} linked` },
          ...(retired ? [{ path: 'retiredScreens', message: `${retired} retired, kept for the reports` }] : []),
        ]);
      }
      deps.audit.transaction(c, (log) => {
        deps.wards.delete(ward.code);
        log({ action: 'delete', objectType: 'ward', objectId: ward.code, wardCode: ward.code, before: fieldsOf(ward) });
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/wards/import',
      summary: 'Import wards from CSV (code,name,type): adds new codes, updates known ones; all rows or none', tags,
      ...guarded(admin),
      request: jsonBody(WardImport),
      responses: {
        200: jsonResponse(WardImportResult, 'Imported'),
        ...commonErrors,
        422: errorResponse('invalid_csv: issues name each bad row as line.<n>.<field> (code, name, type or row); nothing written'),
      },
    }),
    (c) => {
      const { wards, issues } = readWardCsv(c.req.valid('json').csv);
      if (issues.length) throw new AppError(422, 'invalid_csv', `${issues.length} problem(s) in the CSV; nothing was imported`, issues);
      const result = { created: 0, updated: 0, unchanged: 0 };
      deps.audit.transaction(c, (log) => {
        const now = deps.clock.now();
        for (const ward of wards) {
          const before = deps.wards.get(ward.code);
          if (!before) {
            deps.wards.insert(ward, now);
            log({ action: 'create', objectType: 'ward', objectId: ward.code, wardCode: ward.code, after: ward });
            result.created += 1;
          } else if (before.name !== ward.name || before.kind !== ward.kind) {
            deps.wards.update(ward.code, ward, now);
            log({ action: 'update', objectType: 'ward', objectId: ward.code, wardCode: ward.code, before: fieldsOf(before), after: ward });
            result.updated += 1;
          } else result.unchanged += 1;
        }
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/screens/{id}/ward',
      summary: 'Link a screen to a ward by code (null unlinks); its ward label is left as it is', tags,
      ...guarded(admin),
      request: { params: ScreenParams, ...jsonBody(ScreenWard) },
      responses: {
        200: jsonResponse(ScreenWardResult, 'Linked'),
        ...commonErrors,
        404: errorResponse('screen_not_found'),
        422: errorResponse('unknown_ward'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const { wardCode } = c.req.valid('json');
      const screen = deps.screens.get(id);
      if (!screen) throw notFound('screen');
      if (wardCode && !deps.wards.get(wardCode)) {
        throw new AppError(422, 'unknown_ward', 'No ward has that code', [{ path: 'wardCode', message: `no ward ${wardCode}` }]);
      }
      deps.audit.transaction(c, (log) => {
        // Through publishing: the screen's audience (and so its manifest) follows its ward.
        deps.publisher.setScreenWard(id, wardCode);
        log({ action: 'update', objectType: 'screen', objectId: id, wardCode: wardCode ?? screen.wardCode,
          before: { wardCode: screen.wardCode ?? null }, after: { wardCode } });
      });
      return c.json({ id, wardCode }, 200);
    },
  );

  return app;
}
