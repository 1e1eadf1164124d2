/** Test fixtures for accounts: users of any role with cheap hashes, wards, and ready sessions. */
import type { Role, WardKind } from '../../playlists/index.ts';
import { TEST_HASH_COST, hashPassword } from '../auth/password.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { hashToken, newSecret } from '../ids.ts';
import type { TestApp } from './helpers.ts';

export const USER_PASSWORD = 'mật khẩu thử nghiệm';

export function addWard(t: TestApp, code: string, name: string, kind: WardKind = 'phuong'): void {
  t.services.wards.insert({ code, name, kind }, t.clock.now());
}

/** A user with a cheap hash of USER_PASSWORD; answers its id. */
export async function addUser(t: TestApp, username: string, role: Role, wardCode: string | null = null): Promise<number> {
  const hash = await hashPassword(USER_PASSWORD, TEST_HASH_COST);
  return t.services.users.insert(username, hash, role, false, t.clock.now(), wardCode);
}

/** A session for the user, made without signing in: a Cookie header value. */
export function sessionFor(t: TestApp, userId: number): string {
  const id = newSecret(32);
  t.services.sessions.insert(hashToken(id), userId, t.clock.now());
  return `${SESSION_COOKIE}=${id}`;
}
