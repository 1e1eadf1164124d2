import { expect, newPlayer, onScreen, test } from './fixtures.ts';
import { ApiClient } from './api.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  // Short slots, so the rotation comes round to the clip soon.
  await (await ApiClient.signIn(server)).setAllDurations(2_000);
});
test.afterAll(async () => {
  await server.dispose();
});

test('a clip that follows another item has its first frame decoded when its slot starts, so the screen is never black in between', async ({ context, problems }) => {
  const player = await newPlayer(context, server.demoPlayerUrl, { width: 384, height: 192 });
  // Not the clip first: a clip a page boots into has nothing before it to load behind.
  await expect.poll(async () => (await onScreen(player)).itemId !== null && (await player.locator('bt-video').count()) === 0).toBe(true);
  // Each time a <bt-video> comes on screen, its video's readiness at the next frame painted.
  await player.evaluate(() => {
    const states: number[] = [];
    (window as unknown as { clipStates: number[] }).clipStates = states;
    const root = document.querySelector('bt-player')!.shadowRoot!;
    const seen = new WeakSet<Element>();
    new MutationObserver(() => {
      const clip = root.querySelector('[data-zone=main] > bt-video');
      if (!clip || seen.has(clip)) return;
      seen.add(clip);
      requestAnimationFrame(() => states.push(clip.shadowRoot?.querySelector('video')?.readyState ?? -1));
    }).observe(root, { childList: true, subtree: true });
  });
  const states = () => player.evaluate(() => (window as unknown as { clipStates: number[] }).clipStates);
  await expect.poll(async () => (await states()).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  // HAVE_CURRENT_DATA (2) or better: a frame to paint. Loaded (or rewound) only when its slot began, the clip
  // had none yet (0 or 1) and the screen showed black until it had.
  console.log(`clip start: readyState ${JSON.stringify(await states())}`);
  expect(Math.min(...(await states()))).toBeGreaterThanOrEqual(2);
  expect(problems.list).toEqual([]);
});
