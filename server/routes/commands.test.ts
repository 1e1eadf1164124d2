import { beforeEach, describe, expect, it } from 'vitest';
import { CommandSent, type ServerMessage } from '../../playlists/index.ts';
import { hashPassword } from '../auth/password.ts';
import { COMMAND_TIMEOUT_MS } from '../fleet/commands.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, signIn, type FakePlayer, type TestApp } from '../testing/helpers.ts';

describe('POST /api/screens/{id}/commands', () => {
  let t: TestApp;
  let cookie: string;
  let screenId: string;
  let player: FakePlayer;

  beforeEach(async () => {
    t = await createTestApp();
    cookie = await signIn(t);
    screenId = t.services.screens.list()[0]!.id;
    player = connectPlayer(t);
  });

  const command = (action: string, id = screenId, as = cookie) => api(t, 'POST', `/api/screens/${id}/commands`, { cookie: as, body: { action } });
  const lastCommand = async () => {
    const { screens } = (await (await api(t, 'GET', '/api/screens', { cookie })).json()) as { screens: { id: string; command: unknown }[] };
    return screens.find((s) => s.id === screenId)!.command;
  };
  const received = () => player.socket.messages.filter((m): m is Extract<ServerMessage, { type: 'command' }> => m.type === 'command');

  it.each([['reload'], ['identify'], ['clear_cache']])('sends %s to the connected screen and shows its answer', async (action) => {
    const res = await command(action);
    expect(res.status).toBe(202);
    const { command: sent } = CommandSent.parse(await res.json());
    expect(sent).toMatchObject({ action, state: 'sent', error: null });
    expect(received()).toEqual([{ type: 'command', id: sent.id, action }]);

    player.send({ type: 'commandResult', id: sent.id, ok: true });
    expect(await lastCommand()).toMatchObject({ id: sent.id, state: 'done' });
    const log = t.db.prepare("SELECT action, object_id, after FROM audit_log WHERE action = 'command'").all();
    expect(log).toEqual([{ action: 'command', object_id: screenId, after: JSON.stringify({ command: action }) }]);
  });

  it('shows a failure with the reason the screen gave, and ignores answers to other commands', async () => {
    const { command: sent } = CommandSent.parse(await (await command('clear_cache')).json());
    player.send({ type: 'commandResult', id: 'cmd_someone_else', ok: true });
    expect(await lastCommand()).toMatchObject({ state: 'sent' });
    player.send({ type: 'commandResult', id: sent.id, ok: false, error: 'QuotaExceededError' });
    expect(await lastCommand()).toMatchObject({ state: 'failed', error: 'QuotaExceededError' });
  });

  it('marks a command the screen never answers as timed out', async () => {
    await command('identify');
    t.clock.advance(COMMAND_TIMEOUT_MS);
    expect(await lastCommand()).toMatchObject({ state: 'timed_out' });
  });

  it('refuses a screen that is not connected, an unknown screen and an unknown action, changing nothing', async () => {
    player.handlers.close();
    const cases: [Promise<Response>, number, string][] = [];
    const before = dumpDb(t.db);
    cases.push([command('reload'), 409, 'screen_offline']);
    cases.push([command('reload', 's_nobody'), 404, 'screen_not_found']);
    cases.push([command('format_disk'), 400, 'invalid_request']);
    for (const [res, status, code] of cases) {
      const r = await res;
      expect(r.status).toBe(status);
      expect((await errorOf(r)).code).toBe(code);
    }
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('lets only an admin send commands', async () => {
    t.services.users.insert('viewer', await hashPassword('mật khẩu người xem'), 'viewer', false, t.clock.now());
    const res = await command('reload', screenId, await signIn(t, 'viewer', 'mật khẩu người xem'));
    expect(res.status).toBe(403);
    expect(received()).toEqual([]);
  });
});
