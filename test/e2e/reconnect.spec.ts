import { openDatabase } from '../../server/db/connection.ts';
import { systemClock } from '../../server/clock.ts';
import { createServices } from '../../server/services.ts';
import { expect, newPlayer, onScreen, readyOffline, somethingOnScreen, test } from './fixtures.ts';
import { ApiClient } from './api.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  await (await ApiClient.signIn(server)).setAllDurations(3_000);
});
test.afterAll(async () => {
  await server.dispose();
});

/** Publishes an edit straight into the stopped server's database, as another process would. */
function publishWhileDown(dataDir: string, text: string): void {
  const db = openDatabase(`${dataDir}/bangtin.db`);
  try {
    const s = createServices(db, systemClock);
    const slogan = s.content.list().find((e) => e.item.kind === 'slogan')!;
    const { id, ...fields } = slogan.item;
    s.content.update(id, { ...fields, text } as typeof fields, Date.now());
    // City content goes on air only as approved.
    s.reviews.approve(id, null, Date.now(), ['approved', 'draft']);
    s.publisher.publish(null);
  } finally {
    db.close();
  }
}

test('the player keeps playing through a server crash and picks up what was published meanwhile', async ({ context, problems }) => {
  const player = await newPlayer(context, server.demoPlayerUrl);
  const bt = player.locator('bt-player');
  await expect(bt).toHaveAttribute('data-connection', 'online');
  await readyOffline(player);
  const version = (await bt.getAttribute('data-manifest-version'))!;

  problems.allowNetworkErrors = true;
  await server.stop('SIGKILL');
  await expect(bt).not.toHaveAttribute('data-connection', 'online');

  // Offline, the rotation goes on: something is always on screen, and it changes.
  const seen = new Set<string>();
  for (let i = 0; i < 16; i++) {
    const shown = await onScreen(player);
    expect(await somethingOnScreen(player), 'something is on screen').toBe(true);
    seen.add(shown.itemId!);
    await player.waitForTimeout(500);
  }
  expect(seen.size).toBeGreaterThanOrEqual(2);

  const text = `Đã cập nhật khi máy chủ tạm dừng ${Date.now() % 10_000}`;
  publishWhileDown(server.dataDir, text);
  await server.launch();

  await expect(bt).toHaveAttribute('data-connection', 'online', { timeout: 30_000 });
  await expect(bt).not.toHaveAttribute('data-manifest-version', version);
  problems.allowNetworkErrors = false;
  // A whole rotation of the demo content (a dozen items of 3 s, a clip to its end) may pass
  // before the edited slogan's slot comes round.
  await expect(player.getByText(text)).toBeVisible({ timeout: 60_000 });
});
