import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportData } from '../../playlists/reports.ts';
import { api, createTestApp, errorOf, type TestApp } from '../testing/helpers.ts';
import { WARD_A, WARD_B, addReportScreens, getJson, reportUsers, storeFixturePlays } from '../testing/reports.ts';

let t: TestApp;
let users: Awaited<ReturnType<typeof reportUsers>>;
beforeEach(async () => {
  t = await createTestApp({ admin: false, seed: false });
  addReportScreens(t);
  storeFixturePlays(t);
  users = await reportUsers(t);
});
afterEach(() => t.hub.stop());

const PERIOD = 'from=2026-10-15&to=2026-11-30';

describe('GET /api/reports/summary', () => {
  it('totals the fixture plays per theme and per ward, across a month row and day rows', async () => {
    const { status, body } = await getJson<ReportData>(t, `/api/reports/summary?${PERIOD}`, users.admin);
    expect(status).toBe(200);
    expect(body.totals).toMatchObject({ plays: 6, completed: 5, airtimeMs: 100_000 });
    const theme = (n: number) => body.themes.find((r) => r.theme === n)!;
    expect(body.themes.map((r) => r.theme)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(theme(1)).toMatchObject({ plays: 3, completed: 3, airtimeMs: 30_000, share: 0.3 });
    expect(theme(3)).toMatchObject({ plays: 2, airtimeMs: 40_000 });
    expect(theme(7)).toMatchObject({ plays: 1, completed: 0, airtimeMs: 30_000 });
    expect(theme(2)).toMatchObject({ plays: 0, airtimeMs: 0 });
    const ward = (code: string) => body.wards.find((w) => w.wardCode === code)!;
    expect(ward(WARD_A)).toMatchObject({ wardName: 'Phường Ba Đình', screens: 2, plays: 4, airtimeMs: 60_000 });
    expect(ward(WARD_B)).toMatchObject({ screens: 1, plays: 2, airtimeMs: 40_000 });
    expect(body.days.find((d) => d.date === '2026-10-31')).toMatchObject({ plays: 1, airtimeMs: 10_000 });
    expect(body.days).toHaveLength(47);
    expect(body.topItems[0]).toMatchObject({ itemId: 'c_theme1', plays: 3 });
  });

  it('narrows to location kinds and screens', async () => {
    const parks = await getJson<ReportData>(t, `/api/reports/summary?${PERIOD}&locationKinds=park`, users.admin);
    expect(parks.body.totals).toMatchObject({ screens: 2, plays: 5 });
    const one = await getJson<ReportData>(t, `/api/reports/summary?${PERIOD}&screens=s_a2`, users.admin);
    expect(one.body.totals).toMatchObject({ screens: 1, plays: 1, airtimeMs: 30_000 });
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await api(t, 'GET', '/api/reports/summary?from=2026-11-30&to=2026-11-01', { cookie: users.admin });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_period');
  });
});

describe('ward isolation', () => {
  it("gives a ward operator its own ward's numbers only", async () => {
    const { status, body } = await getJson<ReportData>(t, `/api/reports/summary?${PERIOD}`, users.wardA);
    expect(status).toBe(200);
    expect(body.totals).toMatchObject({ screens: 2, plays: 4 });
    expect(body.wards.map((w) => w.wardCode)).toEqual([WARD_A]);
  });

  it("answers 404 on every report route for another ward's screen or ward", async () => {
    const routes = [
      `/api/reports/summary?${PERIOD}`,
      `/api/reports/csv/themes?${PERIOD}`,
      `/api/reports/playout?${PERIOD}`,
    ];
    for (const route of routes) {
      for (const [filter, code] of [['screens=s_b1', 'screen_not_found'], [`wards=${WARD_B}`, 'ward_not_found'], ['screens=s_nope', 'screen_not_found']] as const) {
        const res = await api(t, 'GET', `${route}&${filter}`, { cookie: users.wardA });
        expect(res.status, `${route}&${filter}`).toBe(404);
        expect((await errorOf(res)).code).toBe(code);
      }
    }
    // The city's periodic report and ward B's are not there for ward A's operator.
    const city = await api(t, 'POST', '/api/reports/periodic', { cookie: users.admin, body: { kind: 'six_month', year: 2027 } });
    const other = await api(t, 'POST', '/api/reports/periodic', { cookie: users.admin, body: { kind: 'six_month', year: 2027, wardCode: WARD_B } });
    for (const created of [city, other]) {
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      for (const [method, path] of [['GET', `/api/reports/periodic/${id}`], ['GET', `/api/reports/periodic/${id}/csv/wards`], ['PATCH', `/api/reports/periodic/${id}`], ['POST', `/api/reports/periodic/${id}/final`]] as const) {
        const res = await api(t, method, path, { cookie: users.wardA, body: method === 'PATCH' ? { unitName: 'x' } : undefined });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect((await errorOf(res)).code).toBe('report_not_found');
      }
    }
    const list = await getJson<{ reports: { wardCode: string | null }[] }>(t, '/api/reports/periodic', users.wardA);
    expect(list.body.reports).toEqual([]);
    // Drafting for another ward is drafting for a ward it does not see.
    const foreign = await api(t, 'POST', '/api/reports/periodic', { cookie: users.wardA, body: { kind: 'yearly', year: 2027, wardCode: WARD_B } });
    expect(foreign.status).toBe(404);
    // Its own ward's report it drafts, sees and freezes.
    const own = await api(t, 'POST', '/api/reports/periodic', { cookie: users.wardA, body: { kind: 'yearly', year: 2027 } });
    expect(own.status).toBe(201);
    expect(((await own.json()) as { wardCode: string }).wardCode).toBe(WARD_A);
  });

  it('lets a viewer read but not draft', async () => {
    expect((await api(t, 'GET', `/api/reports/summary?${PERIOD}`, { cookie: users.viewer })).status).toBe(200);
    expect((await api(t, 'POST', '/api/reports/periodic', { cookie: users.viewer, body: { kind: 'yearly', year: 2027 } })).status).toBe(403);
  });
});

describe('report CSV', () => {
  it('writes each table with a BOM and the report\'s numbers', async () => {
    const res = await api(t, 'GET', `/api/reports/csv/wards?${PERIOD}`, { cookie: users.admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('ward_code,ward_name,screens,plays,airtime_minutes,scans,uptime_share\r\n');
    expect(text).toContain('P01,Phường Ba Đình,2,4,1,0,');
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await api(t, 'GET', '/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ['/api/reports/summary', '/api/reports/csv/{table}', '/api/reports/playout', '/api/reports/periodic', '/api/reports/periodic/{id}', '/api/reports/periodic/{id}/final', '/api/reports/periodic/{id}/csv/{table}']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});

describe('emergencies in a report', () => {
  it('counts the targeted screens that showed it and the time until 95 % had', async () => {
    const sent = await api(t, 'POST', '/api/emergencies', { cookie: users.admin, body: { text: 'Mưa lớn, tránh khu vực ngập', wards: [] } });
    expect(sent.status).toBe(201);
    const { scheduleId } = (await sent.json()) as { scheduleId: string };
    const at = t.clock.now();
    t.services.receipts.record(scheduleId, 's_a1', at + 10_000, at + 11_000);
    t.services.receipts.record(scheduleId, 's_b1', at + 20_000, at + 21_000);
    const partial = await getJson<ReportData>(t, '/api/reports/summary?from=2026-11-26&to=2026-11-26', users.admin);
    expect(partial.body.emergencies).toEqual([
      expect.objectContaining({ scheduleId, text: 'Mưa lớn, tránh khu vực ngập', targeted: 3, shown: 2, timeTo95Ms: null }),
    ]);
    t.services.receipts.record(scheduleId, 's_a2', at + 90_000, at + 91_000);
    const all = await getJson<ReportData>(t, '/api/reports/summary?from=2026-11-26&to=2026-11-26', users.admin);
    expect(all.body.emergencies[0]).toMatchObject({ targeted: 3, shown: 3, timeTo95Ms: 90_000 });
    // A ward operator counts its own ward's screens only.
    const ward = await getJson<ReportData>(t, '/api/reports/summary?from=2026-11-26&to=2026-11-26', users.wardA);
    expect(ward.body.emergencies[0]).toMatchObject({ targeted: 2, shown: 2, timeTo95Ms: 90_000 });
  });
});
