import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localToInstant, type OperatingHours } from '../../playlists/index.ts';
import { AlertWebhook, type WebhookPayload } from './alert-webhook.ts';
import { loadConfig } from '../config.ts';
import { Fleet, type AlertEvent } from './fleet.ts';
import { connectPlayer, createTestApp, type TestApp } from '../testing/helpers.ts';

const GRACE = 60_000;
const ALERT = 10 * 60_000;
// The test clock starts on Thursday 26/11/2026 at 09:00 in Hanoi.
const HOURS: OperatingHours = { windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', to: '10:00' }], outside: 'black' };
const at = (date: string, time: string) => localToInstant(date, time);

describe('fleet alerts within operating hours', () => {
  let t: TestApp;
  let fleet: Fleet;
  let alerts: AlertEvent[];
  let demoId: string;
  const statusOf = () => fleet.status(t.services.screens.get(demoId)!);
  /** Moves the clock to `until` in ticks of a minute, as the fleet loop would see it. */
  const runUntil = (until: number) => {
    while (t.clock.now() < until) {
      t.clock.advance(Math.min(60_000, until - t.clock.now()));
      fleet.tick();
    }
  };

  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    alerts = [];
    fleet = new Fleet({ ...t.services, hub: t.hub, onAlert: (e) => alerts.push(e) }, { graceMs: GRACE, alertAfterMs: ALERT });
    demoId = t.services.screens.list()[0]!.id;
    t.services.screens.setHours(demoId, { hours: HOURS, dailyReloadAt: '03:30' });
  });

  it('raises nothing overnight for a screen that goes dark at closing, and raises at opening plus the threshold', () => {
    connectPlayer(t);
    runUntil(at('2026-11-26', '09:58'));
    // The link drops two minutes before closing time.
    const player = connectPlayer(t);
    player.handlers.close();
    runUntil(at('2026-11-26', '23:00'));
    expect(alerts).toEqual([]);
    expect(statusOf()).toMatchObject({ state: 'offline', open: false, alert: null });
    runUntil(at('2026-11-27', '06:09'));
    expect(alerts).toEqual([]);
    expect(statusOf().open).toBe(true);
    runUntil(at('2026-11-27', '06:10'));
    expect(alerts.map((a) => [a.type, a.screen.id])).toEqual([['raised', demoId]]);
    expect(statusOf().alert).toEqual({ since: '2026-11-26T09:58:00+07:00' });
    connectPlayer(t);
    fleet.tick();
    expect(alerts.map((a) => a.type)).toEqual(['raised', 'cleared']);
  });

  it('raises within hours as before, and keeps a raised alert through closing until the screen returns', () => {
    connectPlayer(t).handlers.close();
    runUntil(at('2026-11-26', '09:10'));
    expect(alerts.map((a) => a.type)).toEqual(['raised']);
    runUntil(at('2026-11-26', '12:00'));
    expect(statusOf()).toMatchObject({ open: false, alert: { since: '2026-11-26T09:00:00+07:00' } });
    expect(alerts.map((a) => a.type)).toEqual(['raised']);
  });

  it('alerts at any hour a screen without hours', () => {
    t.services.screens.setHours(demoId, { hours: null, dailyReloadAt: null });
    t.clock.set(at('2026-11-26', '23:00'));
    connectPlayer(t).handlers.close();
    runUntil(at('2026-11-26', '23:10'));
    expect(alerts.map((a) => a.type)).toEqual(['raised']);
    expect(statusOf().open).toBe(true);
  });
});

describe('alert webhook', () => {
  let server: Server;
  let url: string;
  let received: WebhookPayload[];
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  const clock = { now: () => at('2026-11-26', '09:10') };
  const raised: AlertEvent = {
    type: 'raised',
    screen: { id: 's_1', name: 'Bảng tin Hồ Gươm', ward: 'Phường Hoàn Kiếm', alert: { since: '2026-11-26T09:00:00+07:00' }, lastSeenAt: '2026-11-26T09:00:00+07:00' } as AlertEvent['screen'],
  };

  beforeEach(async () => {
    received = [];
    answer = (_req, res) => res.writeHead(204).end();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as WebhookPayload);
        answer(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-token-123`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('posts screen_offline and screen_back with the screen, since and when', async () => {
    const hook = new AlertWebhook({ url, clock });
    expect(await hook.send(raised)).toBe(true);
    expect(await hook.send({ type: 'cleared', screen: { ...raised.screen, alert: null, lastSeenAt: '2026-11-26T09:12:00+07:00' } })).toBe(true);
    expect(received).toEqual([
      { event: 'screen_offline', screen: { id: 's_1', name: 'Bảng tin Hồ Gươm', ward: 'Phường Hoàn Kiếm' }, since: '2026-11-26T09:00:00+07:00', at: '2026-11-26T09:10:00+07:00' },
      { event: 'screen_back', screen: { id: 's_1', name: 'Bảng tin Hồ Gươm', ward: 'Phường Hoàn Kiếm' }, since: '2026-11-26T09:00:00+07:00', at: '2026-11-26T09:10:00+07:00' },
    ]);
  });

  it('retries a failing webhook with backoff and succeeds on a later try', async () => {
    let calls = 0;
    answer = (_req, res) => res.writeHead(++calls < 3 ? 503 : 200).end();
    const hook = new AlertWebhook({ url, clock, backoffMs: 20 });
    expect(await hook.send(raised)).toBe(true);
    expect(calls).toBe(3);
  });

  it('gives up after three tries, times out a silent webhook, and logs without the secret', async () => {
    answer = () => undefined; // never answers
    const lines: string[] = [];
    const hook = new AlertWebhook({ url, clock, backoffMs: 10, timeoutMs: 100, log: (l) => lines.push(l) });
    const started = Date.now();
    hook.notify(raised);
    // notify returns at once: the fleet loop never waits for the webhook.
    expect(Date.now() - started).toBeLessThan(50);
    await hook.settle();
    expect(received).toHaveLength(3);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('timed out');
    expect(lines[0]).not.toContain('secret-token-123');
  });

  it('reads the webhook from the environment, refusing what is not an http(s) URL', () => {
    expect(loadConfig({ BANGTIN_ALERT_WEBHOOK: 'https://hooks.example.vn/x' }).alertWebhook).toBe('https://hooks.example.vn/x');
    expect(loadConfig({}).alertWebhook).toBeNull();
    expect(() => loadConfig({ BANGTIN_ALERT_WEBHOOK: 'ftp://example.vn/x' })).toThrow(/BANGTIN_ALERT_WEBHOOK/);
    expect(() => loadConfig({ BANGTIN_ALERT_WEBHOOK: 'not a url' })).toThrow(/BANGTIN_ALERT_WEBHOOK/);
  });
});
