import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../playlists/index.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, connectPlayer, createTestApp, type TestApp } from '../testing/helpers.ts';
import { AUTHZ_MATRIX, type Access } from '../testing/authz-matrix.ts';

type Caller = Role | 'no_session' | 'player_cookie' | 'player_bearer';
const ROLES = Role.options;
const CALLERS: Caller[] = [...ROLES, 'no_session', 'player_cookie', 'player_bearer'];
const MATRIX_FILE = 'server/testing/authz-matrix.ts';

/** `METHOD /api/path/{param}` for every /api route the app registers. */
function registeredRoutes(t: TestApp): string[] {
  const keys = t.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
  return [...new Set(keys)].sort();
}

/** The status and error code a caller must get from a row. */
function expected(access: Access, caller: Caller): { status: number; code?: string } {
  const allowed = access.allow;
  if (allowed === 'public') return { status: access.expect };
  if (caller === 'player_bearer' && allowed === 'player') return { status: access.expect };
  if (caller === 'no_session' || caller === 'player_cookie' || caller === 'player_bearer' || allowed === 'player') {
    return { status: 401, code: 'unauthenticated' };
  }
  if (allowed === 'signed_in' || allowed.includes(caller)) return { status: access.expect };
  return { status: 403, code: 'forbidden' };
}

describe('authorization matrix', () => {
  let t: TestApp;
  const userIds: Partial<Record<Role, number>> = {};
  beforeAll(async () => {
    t = await createTestApp({ admin: false });
    addWard(t, '00004', 'Phường Ba Đình');
    for (const role of ROLES) userIds[role] = await addUser(t, `matrix.${role}`, role, role === 'ward_operator' ? '00004' : null);
  });

  /** One probe as `caller`; signed-in callers get a fresh session each time (a probe may sign out). */
  function probe(key: string, access: Access, caller: Caller): Promise<Response> {
    const [method, template] = key.split(' ') as [string, string];
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => access.params?.[name] ?? 'zz_missing');
    const headers: Record<string, string> = {};
    let cookie: string | undefined;
    if (caller === 'player_cookie') cookie = `bt_session=${t.demoToken}`;
    else if (caller === 'player_bearer') headers.Authorization = `Bearer ${t.demoToken}`;
    else if (caller !== 'no_session') cookie = sessionFor(t, userIds[caller]!);
    return api(t, method, path, { cookie, headers, body: access.body });
  }

  it('has a row for every /api route the app registers, and none for routes it does not', () => {
    const registered = registeredRoutes(t);
    const missing = registered.filter((r) => !(r in AUTHZ_MATRIX));
    const stale = Object.keys(AUTHZ_MATRIX).filter((r) => !registered.includes(r));
    expect(missing, `routes missing from AUTHZ_MATRIX in ${MATRIX_FILE}: add a row for each`).toEqual([]);
    expect(stale, `rows in ${MATRIX_FILE} for routes the app no longer has`).toEqual([]);
    expect(registered.length).toBeGreaterThan(30);
  });

  it.each(Object.entries(AUTHZ_MATRIX))('%s answers each caller as its row says', async (key, access) => {
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      const want = expected(access, caller);
      const res = await probe(key, access, caller);
      const code = res.status >= 400 && res.headers.get('content-type')?.startsWith('application/json')
        ? ((await res.json()) as { error?: { code?: string } }).error?.code
        : undefined;
      // Streams (server-sent events) stay open until their reader lets go.
      if (!res.bodyUsed) await res.body?.cancel();
      if (res.status !== want.status || (want.code && code !== want.code)) {
        wrong.push(`${caller}: expected ${want.status}${want.code ? ` ${want.code}` : ''}, got ${res.status}${code ? ` ${code}` : ''}`);
      }
    }
    expect(wrong, `${key} (row in ${MATRIX_FILE})`).toEqual([]);
  });

  it('probes with a player token that is valid where player tokens belong', () => {
    expect(connectPlayer(t).socket.types[0]).toBe('welcome');
  });
});
