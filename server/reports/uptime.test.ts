import { afterEach, describe, expect, it } from 'vitest';
import { connectPlayer, createTestApp, type TestApp } from '../testing/helpers.ts';
import { dayOf, dayOfDate, dayStart } from '../repos/rollup-periods.ts';
import { ConnectionSessions } from './sessions.ts';
import { ReportState } from './state.ts';
import { UptimeService, openIntervals } from './uptime.ts';

const at = (iso: string) => Date.parse(iso);
const OFFICE_HOURS = { windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '08:00', to: '18:00' }], outside: 'black' as const };

let t: TestApp;
afterEach(() => t?.hub.stop());

async function setUp() {
  t = await createTestApp({ admin: false });
  // Tracking began the day before, so the whole test day counts.
  new ReportState(t.db).set('uptime_since', String(at('2026-11-25T00:00:00+07:00')));
  const screen = t.services.screens.list()[0]!;
  t.services.screens.setHours(screen.id, { hours: OFFICE_HOURS, dailyReloadAt: null });
  const sessions = new ConnectionSessions({ db: t.db, clock: t.clock, hub: t.hub });
  const uptime = new UptimeService({ db: t.db, clock: t.clock, screens: { listEver: () => t.services.screens.listEver().map((s) => ({ ...s, createdAt: 0 })) } });
  return { screen: t.services.screens.get(screen.id)!, sessions, uptime };
}

const heartbeat = { type: 'heartbeat', playing: null, manifestVersion: null, uptimeMs: 1 } as const;

describe('screen uptime', () => {
  it('walks a screen\'s operating hours, crossing midnight too', () => {
    const overnight = { windows: [{ days: [5], from: '22:00', to: '02:00' }], outside: 'clock' as const };
    // Friday 27/11/2026 22:00 to Saturday 02:00.
    expect(openIntervals(overnight, at('2026-11-27T00:00:00+07:00'), at('2026-11-29T00:00:00+07:00'))).toEqual([
      [at('2026-11-27T22:00:00+07:00'), at('2026-11-28T02:00:00+07:00')],
    ]);
    expect(openIntervals(null, 10, 20)).toEqual([[10, 20]]);
  });

  it('counts online minutes within operating hours over the operating minutes', async () => {
    const { screen, sessions, uptime } = await setUp();
    t.clock.set(at('2026-11-26T07:00:00+07:00'));
    const player = connectPlayer(t);
    t.clock.set(at('2026-11-26T11:59:00+07:00'));
    player.send(heartbeat);
    t.clock.set(at('2026-11-26T12:00:00+07:00'));
    player.handlers.close();
    sessions.flush();
    t.clock.set(at('2026-11-27T09:00:00+07:00'));
    const day = dayOfDate('2026-11-26');
    const u = uptime.forPeriod([{ ...screen, createdAt: 0 }], day, day).get(screen.id)!;
    // 08:00–12:00 online of 08:00–18:00 open.
    expect(u).toEqual({ openMs: 10 * 3_600_000, onlineMs: 4 * 3_600_000 });
    // Rolled up, the finished day reads the same.
    expect(uptime.rollUp()).toBeGreaterThan(0);
    expect(uptime.rolledThrough).toBe(dayOf(t.clock.now()) - 1);
    expect(uptime.forPeriod([{ ...screen, createdAt: 0 }], day, day).get(screen.id)).toEqual(u);
  });

  it('ends a retired screen\'s operating time at its retirement', async () => {
    const { screen, uptime } = await setUp();
    const day = dayOfDate('2026-11-26');
    t.clock.set(at('2026-11-27T09:00:00+07:00'));
    const retired = { ...screen, createdAt: 0, retiredAt: at('2026-11-26T10:00:00+07:00') };
    // Open 08:00–10:00 only, and offline all of it.
    expect(uptime.forPeriod([retired], day, day + 1).get(screen.id)).toEqual({ openMs: 2 * 3_600_000, onlineMs: 0 });
  });

  it('closes a session a restart left open at its last heartbeat', async () => {
    const { screen, sessions, uptime } = await setUp();
    t.clock.set(at('2026-11-26T09:00:00+07:00'));
    const player = connectPlayer(t);
    t.clock.set(at('2026-11-26T10:00:00+07:00'));
    player.send(heartbeat);
    sessions.flush();
    // The server dies here; nothing else reaches the database. It starts again at 15:00.
    t.clock.set(at('2026-11-26T15:00:00+07:00'));
    expect(sessions.recover()).toBe(1);
    const row = t.db.prepare('SELECT connected_at, closed_at FROM screen_sessions').get();
    expect(row).toEqual({ connected_at: at('2026-11-26T09:00:00+07:00'), closed_at: at('2026-11-26T10:00:00+07:00') });
    const u = uptime.live([{ ...screen, createdAt: 0 }], dayStart(dayOfDate('2026-11-26')), t.clock.now()).get(screen.id)!;
    expect(u.onlineMs).toBe(3_600_000);
    expect(u.openMs).toBe(7 * 3_600_000);
  });

  it('counts a connection still open up to now', async () => {
    const { screen, sessions, uptime } = await setUp();
    t.clock.set(at('2026-11-26T08:30:00+07:00'));
    connectPlayer(t);
    sessions.flush();
    t.clock.set(at('2026-11-26T09:30:00+07:00'));
    const day = dayOfDate('2026-11-26');
    expect(uptime.forPeriod([{ ...screen, createdAt: 0 }], day, day).get(screen.id)).toEqual({ openMs: 90 * 60_000, onlineMs: 60 * 60_000 });
  });
});
