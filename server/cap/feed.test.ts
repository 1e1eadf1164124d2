import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolve } from '../../playlists/index.ts';
import { ManualScheduler } from '../scheduler.ts';
import { CAP_A2_THUNDERSTORM, CAP_A3_EARTHQUAKE_UPDATE, adapted } from '../testing/cap-fixtures.ts';
import { connectPlayer, lastManifest } from '../testing/helpers.ts';
import { BD, OTHER_TOKEN, scheduleTestApp } from '../testing/schedule-fixtures.ts';
import { CapFeed, FEED_EVERY_MS } from './feed.ts';

/** A local http server answering each path with what `routes` says at the time of the request. */
async function serve(routes: Record<string, () => { type?: string; body: string; delayMs?: number }>): Promise<{ url: string; server: Server; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (!route) return void res.writeHead(404).end();
    const { type = 'application/xml', body, delayMs = 0 } = route();
    setTimeout(() => res.writeHead(200, { 'Content-Type': type }).end(body), delayMs);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}

const atom = (entries: string) => `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Cảnh báo</title><id>urn:feed</id><updated>2026-11-26T09:00:00+07:00</updated>${entries}</feed>`;
const strip = (xml: string) => xml.replace(/^<\?xml[^>]*>\s*/, '');

describe('the CAP feed', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  let web: Awaited<ReturnType<typeof serve>> | null = null;
  let routes: Record<string, () => { type?: string; body: string; delayMs?: number }>;
  let scheduler: ManualScheduler;
  beforeEach(async () => {
    t = await scheduleTestApp();
    routes = {};
    web = await serve(new Proxy({}, { get: (_, key: string) => routes[key] }) as typeof routes);
    scheduler = new ManualScheduler(t.clock);
    t.services.capFeed.start(scheduler);
  });
  afterEach(() => web?.server.close());

  /** Lets a minute pass and waits for the poll it starts. */
  async function tick(feed = t.services.capFeed): Promise<void> {
    t.clock.advance(FEED_EVERY_MS);
    expect(scheduler.runDue()).toContain('cap-feed');
    await feed.poll();
  }

  it('polls an Atom feed every minute: alerts inline and linked go on air once', async () => {
    const station = connectPlayer(t, { token: OTHER_TOKEN });
    const now = t.clock.now();
    const linked = adapted(CAP_A2_THUNDERSTORM, now, { wards: [BD], set: { identifier: 'linked-1', headline: 'LŨ QUÉT' } });
    routes['/alerts/linked-1.xml'] = () => ({ type: 'application/cap+xml', body: linked });
    routes['/feed.atom'] = () => ({
      type: 'application/atom+xml',
      body: atom(`<entry><id>urn:e1</id><updated>2026-11-26T09:00:00+07:00</updated><title>x</title>
        <content type="application/cap+xml">${strip(adapted(CAP_A2_THUNDERSTORM, now, { wards: [BD] }))}</content></entry>
        <entry><id>urn:e2</id><updated>2026-11-26T09:00:00+07:00</updated><title>y</title>
        <link rel="alternate" type="application/cap+xml" href="/alerts/linked-1.xml"/></entry>`),
    });
    await t.services.capFeed.poll(); // no feed set: nothing is fetched
    expect(web!.hits).toEqual([]);
    await api('PUT', { url: `${web!.url}/feed.atom` });
    await tick();
    expect(t.services.capFeed.status()).toMatchObject({ alertsTaken: 2, lastError: null, lastOkAt: expect.any(String) });
    const emergencies = lastManifest(station).schedules.filter((s) => s.tier === 'emergency');
    expect(emergencies).toHaveLength(2);
    expect(resolve(lastManifest(station), t.clock.now()).main.reason.tier).toBe('emergency');
    // The next poll reads the feed again but neither entry: nothing new, no second audit entry.
    const revision = t.services.revisions.latestNumber();
    await tick();
    expect(web!.hits.filter((h) => h === '/alerts/linked-1.xml')).toHaveLength(1);
    expect(t.services.revisions.latestNumber()).toBe(revision);
    expect(t.services.auditEntries.query({}, 50).filter((e) => e.objectType === 'cap_alert')).toHaveLength(2);
  });

  it('takes a feed that is one CAP alert, and refuses a bad one once, in the audit log', async () => {
    let body = adapted(CAP_A3_EARTHQUAKE_UPDATE, t.clock.now());
    routes['/alert.xml'] = () => ({ body });
    await api('PUT', { url: `${web!.url}/alert.xml` });
    await tick();
    expect(t.services.capAlerts.recent()).toMatchObject([{ identifier: 'TRI13970876.2', outcome: 'listed', reason: 'below_threshold', source: `feed:${web!.url}` }]);
    body = body.replace('<urgency>Past</urgency>', '');
    await tick();
    expect(t.services.capFeed.status().lastError).toMatch(/cap_invalid/);
    await tick();
    const refused = t.services.auditEntries.query({}, 50).filter((e) => e.action === 'refuse');
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]!.after!)).toMatchObject({ code: 'cap_invalid' });
  });

  it('gives up on a feed that is too slow or too large, and says so', async () => {
    routes['/slow'] = () => ({ body: CAP_A2_THUNDERSTORM, delayMs: 2_000 });
    routes['/huge'] = () => ({ body: `<feed xmlns="http://www.w3.org/2005/Atom">${' '.repeat(64 * 1024)}</feed>` });
    const feed = new CapFeed({ clock: t.clock, settings: t.services.settings, ingest: t.services.capIngest, timeoutMs: 200, maxBytes: 32 * 1024 });
    feed.start(scheduler);
    feed.setUrl(`${web!.url}/slow`);
    await tick(feed);
    expect(feed.status().lastError).toBe('timed out after 0.2 s');
    feed.setUrl(`${web!.url}/huge`);
    await tick(feed);
    expect(feed.status().lastError).toMatch(/payload_too_large/);
    expect(t.services.capAlerts.recent()).toEqual([]);
  });

  async function api(method: string, body: unknown) {
    const { api: call } = await import('../testing/helpers.ts');
    const res = await call(t, method, '/api/cap/feed', { cookie: t.cookie, body });
    expect(res.status).toBe(200);
  }
});
