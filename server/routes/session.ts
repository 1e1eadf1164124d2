import { createRoute } from '@hono/zod-openapi';
import { PasswordChange, SessionInfo, SessionState, SignIn } from '../../playlists/index.ts';
import { dummyHash, hashPassword, verifyPassword } from '../auth/password.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { SignInThrottle, ThrottleOnset } from '../auth/throttle.ts';
import { addressKey } from '../http/client-address.ts';
import type { AuditChange } from '../audit/audit.ts';
import type { AuditLog } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { storageProblemOf, type StorageHealth } from '../storage/storage.ts';
import type { User, UserRepo } from '../repos/users.ts';
import type { SessionRepo } from '../repos/sessions.ts';
import type { WardRepo } from '../repos/wards.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

/** The audit entry for a count that just went over its allowance: an admin sees the guessing. */
function throttledEntry(onset: ThrottleOnset, address: string, user: User | undefined): AuditChange {
  const after = { scope: onset.scope, failures: onset.failures, blockedUntil: new Date(onset.blockedUntil).toISOString() };
  if (onset.scope === 'address') return { action: 'sign_in_throttled', objectType: 'address', objectId: addressKey(address), after };
  return { action: 'sign_in_throttled', objectType: 'user', objectId: user?.id, wardCode: user?.wardCode, after };
}

export function sessionRoutes(deps: { auth: SessionService; users: UserRepo; sessions: SessionRepo; wards: WardRepo; throttle: SignInThrottle; audit: AuditLog; storage: Pick<StorageHealth, 'critical'> }) {
  const app = newRouter();
  /** The user as the admin page needs it; a ward operator's ward with its name (a heading, not a code). */
  const info = (user: User) => {
    const ward = user.wardCode ? deps.wards.get(user.wardCode) : undefined;
    return {
      user: { id: user.id, username: user.username, role: user.role, ward: user.wardCode ? { code: user.wardCode, name: ward?.name ?? user.wardCode } : null },
      mustChangePassword: user.mustChangePassword,
    };
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/session',
      summary: 'Sign in',
      tags: ['session'],
      request: jsonBody(SignIn),
      responses: {
        200: jsonResponse(SessionInfo, 'Signed in; the session cookie is set'),
        400: commonErrors[400],
        401: errorResponse('Wrong username or password (code invalid_credentials)'),
        429: errorResponse('Too many failed sign-ins for this account or address (too_many_attempts); see Retry-After'),
      },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const gate = deps.throttle.begin(username, c.get('clientAddress'));
      if ('retryAfterMs' in gate) {
        c.header('Retry-After', String(Math.ceil(gate.retryAfterMs / 1000)));
        throw new AppError(429, 'too_many_attempts', 'Too many failed sign-ins; try again later');
      }
      const user = deps.users.byUsername(username);
      let ok = false;
      let onsets: ThrottleOnset[] = [];
      try {
        // Same work and same answer whether the user is unknown, disabled or mistyped.
        ok = (await verifyPassword(password, user?.passwordHash ?? (await dummyHash()))) && user !== undefined && !user.disabled;
      } finally {
        if (ok) gate.attempt.succeeded();
        else onsets = gate.attempt.failed();
      }
      if (!user || !ok) {
        const address = c.get('clientAddress');
        try {
          // The name typed is not logged: it is sometimes a password typed in the wrong box.
          deps.audit.append(null, address, { action: 'sign_in_failed', objectType: 'user', objectId: user?.id, wardCode: user?.wardCode });
          for (const onset of onsets) deps.audit.append(null, address, throttledEntry(onset, address, user));
        } catch (err) {
          // On a full disk the failure is still counted (in memory, throttle.ts) and answered alike.
          if (!storageProblemOf(err)) throw err;
          console.warn(`audit: failed sign-in from ${address} not saved (${(err as Error).message})`);
        }
        throw new AppError(401, 'invalid_credentials', 'Wrong username or password');
      }
      // On a full disk an operator must still be able to sign in, to send an emergency.
      const sessionId = deps.storage.critical('a sign-in', () =>
        deps.audit.transaction(c, (log) => {
          const id = deps.auth.start(c, user);
          log({ action: 'sign_in', objectType: 'user', objectId: user.id });
          return id;
        }, user),
      );
      deps.auth.setCookie(c, sessionId);
      return c.json(info(user), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/session',
      summary: 'The signed-in user, or null (answers 200 either way, so pages can ask quietly)',
      tags: ['session'],
      responses: { 200: jsonResponse(SessionState, 'The session, if any') },
    }),
    (c) => {
      const auth = deps.auth.current(c);
      return c.json({ session: auth ? info(auth.user) : null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/session',
      summary: 'Sign out',
      tags: ['session'],
      ...guarded(deps.auth.require('any', { allowPasswordChange: true })),
      responses: { 204: { description: 'Signed out' }, 401: commonErrors[401], 403: commonErrors[403] },
    }),
    (c) => {
      deps.audit.transaction(c, (log) => {
        deps.auth.end(c, c.get('sessionHash'));
        log({ action: 'sign_out', objectType: 'user', objectId: c.get('user').id });
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/sessions',
      summary: 'Sign out everywhere: ends every session of mine, this one included',
      tags: ['session'],
      ...guarded(deps.auth.require('any', { allowPasswordChange: true })),
      responses: { 204: { description: 'Signed out on every device' }, 401: commonErrors[401], 403: commonErrors[403] },
    }),
    (c) => {
      deps.audit.transaction(c, (log) => {
        const sessions = deps.auth.endAll(c, c.get('user').id);
        log({ action: 'sign_out_everywhere', objectType: 'user', objectId: c.get('user').id, after: { sessions } });
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/session/password',
      summary: 'Change my password (signs out my other sessions)',
      tags: ['session'],
      ...guarded(deps.auth.require('any', { allowPasswordChange: true })),
      request: jsonBody(PasswordChange),
      responses: {
        200: jsonResponse(SessionInfo, 'Password changed'),
        ...commonErrors,
        422: errorResponse('Current password wrong (wrong_password) or new one equal to it (password_unchanged)'),
      },
    }),
    async (c) => {
      const user = c.get('user');
      const { currentPassword, newPassword } = c.req.valid('json');
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new AppError(422, 'wrong_password', 'The current password is wrong');
      }
      if (currentPassword === newPassword) throw new AppError(422, 'password_unchanged', 'Choose a new password');
      const hash = await hashPassword(newPassword);
      deps.audit.transaction(c, (log) => {
        deps.users.setPassword(user.id, hash, false);
        deps.sessions.deleteOthers(user.id, c.get('sessionHash'));
        log({ action: 'password_change', objectType: 'user', objectId: user.id });
      });
      return c.json(info({ ...user, mustChangePassword: false }), 200);
    },
  );

  return app;
}
