import { beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, ScreenTokenIssued } from '../../playlists/index.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, signIn, type TestApp } from '../testing/helpers.ts';

describe('screen token rotate and revoke', () => {
  let t: TestApp;
  let admin: string;
  let screenId: string;
  beforeEach(async () => {
    t = await createTestApp();
    admin = await signIn(t);
    screenId = t.services.screens.list()[0]!.id;
  });

  const rotate = async () => {
    const res = await api(t, 'POST', `/api/screens/${screenId}/token`, { cookie: admin });
    expect(res.status).toBe(201);
    return ScreenTokenIssued.parse(await res.json());
  };

  it('rotates: the live player is closed with 4003, the old token is dead and the new one plays', async () => {
    const live = connectPlayer(t);
    expect(live.socket.types[0]).toBe('welcome');
    const issued = await rotate();
    expect(live.socket.closed?.code).toBe(CloseCode.tokenRevoked);
    expect(issued.playerUrl).toBe(`http://localhost/player/?token=${encodeURIComponent(issued.token)}`);
    expect(issued.token).not.toBe(t.demoToken);

    const old = connectPlayer(t);
    expect(old.socket.closed?.code).toBe(CloseCode.unknownToken);
    const fresh = connectPlayer(t, { token: issued.token });
    expect(fresh.socket.closed).toBeNull();
    expect(fresh.socket.types[0]).toBe('welcome');
  });

  it('stores only a hash of the new token and keeps it out of the audit log', async () => {
    const { token } = await rotate();
    const dump = JSON.stringify(dumpDb(t.db).screens) + JSON.stringify(dumpDb(t.db).audit_log);
    expect(dump).not.toContain(token);
    const entry = t.services.auditEntries.query({ objectType: 'screen' }, 1)[0]!;
    expect(entry).toMatchObject({ action: 'rotate_token', objectId: screenId, username: 'admin' });
  });

  it('keeps the demo screen\'s printed link true: updated on rotate, gone on revoke', async () => {
    const { token } = await rotate();
    expect(t.services.settings.get('demo_screen_token')).toBe(token);
    expect((await api(t, 'DELETE', `/api/screens/${screenId}/token`, { cookie: admin })).status).toBe(204);
    expect(t.services.settings.get('demo_screen_token')).toBeNull();
  });

  it('revokes: the live player is closed with 4003 and no token works until a rotate', async () => {
    const live = connectPlayer(t);
    const res = await api(t, 'DELETE', `/api/screens/${screenId}/token`, { cookie: admin });
    expect(res.status).toBe(204);
    expect(live.socket.closed?.code).toBe(CloseCode.tokenRevoked);
    expect(connectPlayer(t).socket.closed?.code).toBe(CloseCode.unknownToken);
    expect(t.services.auditEntries.query({ objectType: 'screen' }, 1)[0]).toMatchObject({ action: 'revoke_token', objectId: screenId });
    const { token } = await rotate();
    expect(connectPlayer(t, { token }).socket.types[0]).toBe('welcome');
  });

  it('answers screen_not_found for an unknown screen and changes nothing', async () => {
    const before = dumpDb(t.db);
    for (const method of ['POST', 'DELETE']) {
      const res = await api(t, method, '/api/screens/s_nope/token', { cookie: admin });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('screen_not_found');
    }
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('drops a pairing still waiting to hand over the old token', async () => {
    t.db.prepare(
      `INSERT INTO pairings (id, code, secret_hash, token_hash, created_at, expires_at, screen_id, claimed_at)
       VALUES ('pr_1', 'ABCDEF', 'x', 'y', 0, 1, ?, 0)`,
    ).run(screenId);
    await rotate();
    expect(t.db.prepare('SELECT count(*) AS n FROM pairings').get()).toEqual({ n: 0 });
  });
});
