import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { may, type Right } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { hashToken, newSecret } from '../ids.ts';
import type { SessionRepo } from '../repos/sessions.ts';
import type { StorageHealth } from '../storage/storage.ts';
import type { User, UserRepo } from '../repos/users.ts';

export const SESSION_COOKIE = 'bt_session';
export const IDLE_TIMEOUT_MS = 12 * 3_600_000;
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 3_600_000;

export interface AuthVars {
  user: User;
  /** The session id's hash (ids.ts, hashToken): sessions are stored by it. */
  sessionHash: string;
}

export class SessionService {
  constructor(private readonly deps: { sessions: SessionRepo; users: UserRepo; clock: Clock; storage?: Pick<StorageHealth, 'background'> }) {}

  /**
   * Housekeeping writes made while reading a session (touch, removing an expired one): a full
   * disk must not fail the read they ride on, and the next request does them again.
   */
  #housekeeping(write: () => void): void {
    if (this.deps.storage) this.deps.storage.background('session housekeeping', write);
    else write();
  }

  /**
   * Starts a new session (a fresh id at every sign-in) and answers its id, for `setCookie` once
   * the transaction it is written in has committed (a retried write must not leave the cookie of
   * a session that was rolled back). A session cookie the browser still presents is revoked
   * first, so an id planted before sign-in (session fixation) or left over from another user
   * never outlives it.
   */
  start(c: Context, user: User): string {
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous && previous.length <= 100) this.deps.sessions.delete(hashToken(previous));
    const id = newSecret(32);
    this.deps.sessions.insert(hashToken(id), user.id, this.deps.clock.now());
    return id;
  }

  /** Sets the cookie of a session `start` made. */
  setCookie(c: Context, id: string): void {
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Strict',
      // Secure whenever the browser reached us over HTTPS, also through a trusted proxy.
      secure: ((c.get('publicOrigin') as string | undefined) ?? new URL(c.req.url).origin).startsWith('https:'),
      path: '/',
      maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
    });
  }

  end(c: Context, sessionHash: string): void {
    this.deps.sessions.delete(sessionHash);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
  }

  /** Signs the user out on every device, this one included; answers how many sessions ended. */
  endAll(c: Context, userId: number): number {
    const ended = this.deps.sessions.deleteAll(userId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return ended;
  }

  /** The signed-in user, or undefined; expired sessions are removed on sight. */
  current(c: Context): AuthVars | undefined {
    const id = getCookie(c, SESSION_COOKIE);
    if (!id || id.length > 100) return undefined;
    const sessionHash = hashToken(id);
    const row = this.deps.sessions.get(sessionHash);
    if (!row) return undefined;
    const now = this.deps.clock.now();
    if (now - row.lastSeenAt > IDLE_TIMEOUT_MS || now - row.createdAt > ABSOLUTE_TIMEOUT_MS) {
      this.#housekeeping(() => this.deps.sessions.delete(sessionHash));
      return undefined;
    }
    const user = this.deps.users.byId(row.userId);
    if (!user || user.disabled) {
      this.#housekeeping(() => this.deps.sessions.delete(sessionHash));
      return undefined;
    }
    // Touch at most once a minute: a busy admin page should not write on every request.
    if (now - row.lastSeenAt > 60_000) this.#housekeeping(() => this.deps.sessions.touch(sessionHash, now));
    return { user, sessionHash };
  }

  /**
   * Requires a session (401 otherwise) whose role has `right` in the permissions table
   * (playlists/permissions.ts; 403 otherwise); `'any'`: every signed-in role. A user who must
   * change a generated password may do nothing else until they have.
   */
  require(right: Right | 'any' = 'any', options: { allowPasswordChange?: boolean } = {}): MiddlewareHandler<{ Variables: AuthVars }> {
    return async (c, next) => {
      const auth = this.current(c);
      if (!auth) throw new AppError(401, 'unauthenticated', 'Sign in first');
      if (auth.user.mustChangePassword && !options.allowPasswordChange) {
        throw new AppError(403, 'password_change_required', 'Change the generated password first');
      }
      if (right !== 'any' && !may(auth.user.role, right)) throw new AppError(403, 'forbidden', 'Not allowed for your role');
      c.set('user', auth.user);
      c.set('sessionHash', auth.sessionHash);
      await next();
    };
  }
}
