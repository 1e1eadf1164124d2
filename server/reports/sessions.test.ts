import { afterEach, describe, expect, it, vi } from 'vitest';
import { WRITES_HOLD_MS, WRITES_RECHECK_MS } from '../storage/write-hold.ts';
import type { ScreenWatcher } from '../hub/live.ts';
import { createTestApp, type TestApp } from '../testing/helpers.ts';
import { ConnectionSessions, SESSION_FLUSH_MS } from './sessions.ts';

let t: TestApp;
afterEach(() => {
  vi.useRealTimers();
  t?.hub.stop();
});

/** Sessions over a hub that reports one screen connected, with a push going out while `hub.pushing`. */
async function setUp() {
  t = await createTestApp({ admin: false });
  const screenId = t.services.screens.list()[0]!.id;
  const watchers: ScreenWatcher[] = [];
  const hub = {
    pushing: false,
    watch: (w: ScreenWatcher) => (watchers.push(w), () => {}),
    connection: () => ({ connectedAt: 1_000, lastSeenAt: 2_000 }),
  };
  const sessions = new ConnectionSessions({ db: t.db, clock: t.clock, hub });
  const rows = () => (t.db.prepare('SELECT count(*) AS n FROM screen_sessions WHERE screen_id = ?').get(screenId) as { n: number }).n;
  return { hub, sessions, rows, seen: () => watchers.forEach((w) => w(screenId, 2_000)) };
}

describe('connection sessions during a push', () => {
  it('the timed flush waits for a push to go out, then writes', async () => {
    const { hub, sessions, rows, seen } = await setUp();
    vi.useFakeTimers();
    sessions.start();
    seen();
    hub.pushing = true;
    vi.advanceTimersByTime(SESSION_FLUSH_MS + 500);
    expect(rows()).toBe(0);
    hub.pushing = false;
    vi.advanceTimersByTime(WRITES_RECHECK_MS);
    expect(rows()).toBe(1);
    sessions.stop();
  });

  it('waits WRITES_HOLD_MS at most; a flush asked for (a report) writes at once', async () => {
    const { hub, sessions, rows, seen } = await setUp();
    vi.useFakeTimers();
    sessions.start();
    seen();
    hub.pushing = true;
    vi.advanceTimersByTime(SESSION_FLUSH_MS + WRITES_HOLD_MS - WRITES_RECHECK_MS);
    expect(rows()).toBe(0);
    vi.advanceTimersByTime(2 * WRITES_RECHECK_MS);
    expect(rows()).toBe(1);
    sessions.stop();
    const again = await setUp();
    again.hub.pushing = true;
    again.seen();
    again.sessions.flush();
    expect(again.rows()).toBe(1);
    again.sessions.stop();
  });
});
