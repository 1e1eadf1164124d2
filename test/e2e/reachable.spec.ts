import { expect, newPlayer, signInAdmin, test } from './fixtures.ts';
import { unreachable } from './reach.ts';
import { BangtinServer } from './server.ts';

// Issue 12, item 2: every control of every view is within reach of a mouse at 1280×800 and
// above: inside the viewport's width and not cut off by an ancestor that hides its overflow.
let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
});
test.afterAll(async () => {
  await server.dispose();
});

for (const size of [{ width: 1280, height: 800 }, { width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
  test(`every control of every admin view is reachable at ${size.width}×${size.height}`, async ({ context, problems }) => {
    // A connected screen, so the dashboard's rows carry their actions.
    await newPlayer(context, server.demoPlayerUrl, { width: 640, height: 360 });
    const page = await context.newPage();
    await page.setViewportSize(size);
    await signInAdmin(page, server);
    const views = await page.locator('nav button[data-view]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-view')!));
    expect(views).toContain('screens');
    const found: string[] = [];
    for (const view of views) {
      await page.locator(`nav button[data-view="${view}"]`).click();
      await expect(page.locator(`nav button[data-view="${view}"]`)).toHaveAttribute('aria-current', 'page');
      await page.waitForLoadState('networkidle');
      if (view === 'screens') await expect(page.locator('bt-screen-list [data-screen-id] [data-action="hours"]').first()).toBeVisible();
      found.push(...(await unreachable(page)).map((p) => `${view}: ${p}`));
    }
    expect(found).toEqual([]);
    expect(problems.list).toEqual([]);
  });
}
