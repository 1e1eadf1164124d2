import type { Page } from '@playwright/test';
import { openDatabase } from '../../server/db/connection.ts';
import { hashToken } from '../../server/ids.ts';
import { ScreenRepo } from '../../server/repos/screens.ts';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

const FLEET = 5_000;
const KINDS = ['park', 'station', 'street', 'school', 'bulletin_board'] as const;

let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  // A city's worth of screens, written beside the running server as an import would: a tenth
  // last seen two hours ago (offline, alerting), a tenth never connected, the rest seen a
  // minute before (they were connected when this server started, so they are still online).
  const db = openDatabase(`${server.dataDir}/bangtin.db`);
  try {
    const screens = new ScreenRepo(db);
    const now = Date.now();
    db.transaction(() => {
      for (let i = 0; i < FLEET; i++) {
        const id = `s_fleet_${String(i).padStart(4, '0')}`;
        screens.insert({ id, name: `Màn hình ${String(i).padStart(4, '0')}`, ward: `Phường ${i % 126}`, locationKind: KINDS[i % KINDS.length]!, tags: [] }, hashToken(`token-${id}`), now);
        if (i % 10 === 9) continue;
        const lastSeenAt = i % 10 === 0 ? now - 2 * 3_600_000 : now - 60_000;
        screens.recordSightings([{ id, lastSeenAt, manifestVersion: null, playerVersion: '0.1.0', viewport: { width: 192, height: 96 } }]);
      }
    })();
  } finally {
    db.close();
  }
});
test.afterAll(async () => {
  await server.dispose();
});

async function openScreens(admin: Page, signedIn: () => void): Promise<number> {
  await admin.setViewportSize({ width: 1600, height: 1000 });
  await signInAdmin(admin, server);
  signedIn();
  const started = Date.now();
  await admin.getByRole('button', { name: 'Màn hình', exact: true }).click();
  await expect(admin.locator('[data-shown]')).toHaveAttribute('data-shown', String(FLEET + 1));
  return Date.now() - started;
}

test('the dashboard pages 5,000 screens from the server, with alerts and filters, and follows a screen live', async ({ context, problems }) => {
  const admin = await context.newPage();
  // Once the dashboard is open, it reads one page at a time (and again when its stream says
  // screens changed): never the whole fleet. (The content view, where sign-in lands, reads the
  // list once for its preview sizes.)
  const polls: URL[] = [];
  let dashboardOpen = false;
  admin.on('request', (r) => {
    if (dashboardOpen && new URL(r.url()).pathname === '/api/screens') polls.push(new URL(r.url()));
  });
  const loadMs = await openScreens(admin, () => (dashboardOpen = true));
  const list = admin.locator('bt-screen-list');

  // Counts and alerts: 500 offline for two hours, 500 never seen (and the demo screen).
  await expect(list.locator('[data-summary]')).toHaveText(`${FLEET - 1_000}/${FLEET + 1} màn hình đang hoạt động`);
  await expect(list.locator('section.alerts')).toHaveAttribute('data-alerts', '500');
  await expect(list.locator('section.alerts')).toContainText('500 màn hình mất kết nối quá lâu');

  // One page of rows is in the DOM; the alerting ones come first.
  const rows = list.locator('.window > .row');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toHaveAttribute('data-alert', 'true');

  // The next page comes from the server, quickly.
  const pager = list.getByRole('navigation', { name: 'Các trang danh sách màn hình' });
  const t0 = Date.now();
  await pager.getByRole('button', { name: 'Trang sau' }).click();
  await expect(pager.locator('[data-range]')).toHaveText(`51–100 trong ${FLEET + 1}`);
  const pageMs = Date.now() - t0;
  await expect(rows).toHaveCount(50);
  // Rendering a page breaks no rule of the page (e.g. its CSP).
  expect(problems.list).toEqual([]);
  console.log(`fleet: ${FLEET + 1} screens, first page in ${loadMs} ms; next page in ${pageMs} ms`);

  // Filters: ward, location kind, state.
  await list.locator('.filters select[name=ward]').selectOption('Phường 7');
  await list.locator('.filters select[name=locationKind]').selectOption('school');
  await expect(list.locator('[data-shown]')).toHaveAttribute('data-shown', String(8));
  await list.locator('.filters select[name=state]').selectOption('never');
  await expect(list.locator('.window > .row')).toHaveCount(0);
  await list.locator('.filters select[name=ward]').selectOption('');
  await list.locator('.filters select[name=locationKind]').selectOption('');
  await expect(list.locator('[data-shown]')).toHaveAttribute('data-shown', '501'); // and the demo screen, not started yet
  await list.locator('.filters select[name=state]').selectOption('all');
  await list.locator('.filters input[name=search]').fill('demo');

  // A player starts: its row goes online by itself (the stream names it, the page is read again).
  const player = await context.newPage();
  await player.goto(server.demoPlayerUrl);
  await expect(player.locator('bt-player')).toHaveAttribute('data-connection', 'online');
  const row = list.locator('.window > .row').first();
  await expect(row).toHaveAttribute('data-connected', 'true', { timeout: 5_000 });
  await expect(row).toHaveAttribute('data-state', 'online');
  // Its device report arrived with hello: localhost is a secure context.
  await expect(row).not.toContainText('Không có bộ nhớ đệm ngoại tuyến');

  // The link drops: the screen stays counted online within the grace period, marked as such.
  await player.close();
  await expect(row).toHaveAttribute('data-connected', 'false', { timeout: 5_000 });
  await expect(row).toHaveAttribute('data-state', 'online');
  await expect(row).toContainText('mất tín hiệu');
  // The dashboard's reads (they carry its state filter) were pages of 50; the content view's
  // reading of every screen, 500 at a time, may still be finishing in the background.
  const dashboardReads = polls.filter((u) => u.searchParams.has('status'));
  expect(dashboardReads.length).toBeGreaterThan(3);
  for (const url of dashboardReads) expect(url.searchParams.get('limit')).toBe('50');
});
