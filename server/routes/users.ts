import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { PasswordReset, UserAccount, UserCreate, UserList, UserUpdate, toLocalIso, wardRuleIssue } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import { hashPassword } from '../auth/password.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import type { SessionRepo } from '../repos/sessions.ts';
import type { User, UserRepo } from '../repos/users.ts';
import type { WardRepo } from '../repos/wards.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'expected a user id').transform(Number) });

/** An account as the API shows it: never the password hash. */
export const accountOf = (u: User): UserAccount => ({
  id: u.id,
  username: u.username,
  role: u.role,
  wardCode: u.wardCode,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  createdAt: toLocalIso(u.createdAt),
});

/** Accounts, managed by admins. Nobody changes their own account here (see /api/session). */
export function userRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  users: UserRepo;
  sessions: SessionRepo;
  wards: WardRepo;
  audit: AuditLog;
}) {
  const app = newRouter();
  const tags = ['users'];
  const admin = deps.auth.require('manage_users');

  const target = (id: number, me: User): User => {
    const user = deps.users.byId(id);
    if (!user) throw notFound('user');
    if (user.id === me.id) throw new AppError(409, 'own_account', 'Change your own account through /api/session');
    return user;
  };
  const checkWard = (wardCode: string | null | undefined) => {
    if (wardCode && !deps.wards.get(wardCode)) {
      throw new AppError(422, 'unknown_ward', 'No ward has that code', [{ path: 'wardCode', message: `no ward ${wardCode}` }]);
    }
  };

  app.openapi(
    createRoute({
      method: 'get', path: '/api/users', summary: 'Every account', tags,
      ...guarded(admin),
      responses: { 200: jsonResponse(UserList, 'Accounts by username'), ...commonErrors },
    }),
    (c) => c.json({ users: deps.users.list().map(accountOf) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/users',
      summary: 'Create an account; its password is temporary and must be changed at first sign-in', tags,
      ...guarded(admin),
      request: jsonBody(UserCreate),
      responses: {
        201: jsonResponse(UserAccount, 'Created'),
        ...commonErrors,
        409: errorResponse('username_taken'),
        422: errorResponse('unknown_ward'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      checkWard(body.wardCode);
      const hash = await hashPassword(body.password);
      const user = deps.audit.transaction(c, (log) => {
        if (deps.users.byUsername(body.username)) throw new AppError(409, 'username_taken', 'That username is taken');
        const id = deps.users.insert(body.username, hash, body.role, true, deps.clock.now(), body.wardCode ?? null);
        const created = deps.users.byId(id)!;
        log({ action: 'create', objectType: 'user', objectId: id, wardCode: created.wardCode, after: accountOf(created) });
        return created;
      });
      return c.json(accountOf(user), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/api/users/{id}',
      summary: 'Change an account\'s role, ward or disabled state (disabling signs it out everywhere)', tags,
      ...guarded(admin),
      request: { params: Params, ...jsonBody(UserUpdate) },
      responses: {
        200: jsonResponse(UserAccount, 'Changed'),
        ...commonErrors,
        404: errorResponse('user_not_found'),
        409: errorResponse('own_account'),
        422: errorResponse('unknown_ward'),
      },
    }),
    (c) => {
      const before = target(c.req.valid('param').id, c.get('user'));
      const body = c.req.valid('json');
      const role = body.role ?? before.role;
      const wardCode = body.wardCode !== undefined ? body.wardCode : role === 'ward_operator' ? before.wardCode : null;
      const issue = wardRuleIssue(role, wardCode);
      if (issue) throw new AppError(400, 'invalid_request', issue, [{ path: 'wardCode', message: issue }]);
      checkWard(wardCode);
      const disabled = body.disabled ?? before.disabled;
      const after = deps.audit.transaction(c, (log) => {
        deps.users.update(before.id, { role, wardCode, disabled });
        if (disabled) deps.sessions.deleteAll(before.id);
        const changed = deps.users.byId(before.id)!;
        log({ action: 'update', objectType: 'user', objectId: before.id, wardCode: changed.wardCode ?? before.wardCode,
          before: accountOf(before), after: accountOf(changed) });
        return changed;
      });
      return c.json(accountOf(after), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/users/{id}/password',
      summary: 'Reset an account\'s password: it must be changed at next sign-in, and every session ends', tags,
      ...guarded(admin),
      request: { params: Params, ...jsonBody(PasswordReset) },
      responses: {
        200: jsonResponse(UserAccount, 'Reset'),
        ...commonErrors,
        404: errorResponse('user_not_found'),
        409: errorResponse('own_account'),
      },
    }),
    async (c) => {
      const user = target(c.req.valid('param').id, c.get('user'));
      const hash = await hashPassword(c.req.valid('json').password);
      const after = deps.audit.transaction(c, (log) => {
        deps.users.setPassword(user.id, hash, true);
        deps.sessions.deleteAll(user.id);
        log({ action: 'password_reset', objectType: 'user', objectId: user.id, wardCode: user.wardCode });
        return deps.users.byId(user.id)!;
      });
      return c.json(accountOf(after), 200);
    },
  );

  return app;
}
