import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishedItem } from '../../playlists/index.ts';
import type { ReportData } from '../../playlists/reports.ts';
import { DRAFT_ITEM_ID, PREVIEW_SCREEN_ID, shortLinkPath } from '../../playlists/short-link.ts';
import { isHttp } from '../reports/scans.ts';
import { WARD_A, addReportScreens, getJson, reportUsers } from '../testing/reports.ts';
import { api, createTestApp, dumpDb, type TestApp } from '../testing/helpers.ts';

let t: TestApp;
const none = { added: [], changed: [], removed: [] };
const NOTICE: PublishedItem = {
  kind: 'notice', id: 'c_notice', revision: 1, theme: 2, durationMs: 15_000,
  title: 'Hỗ trợ học phí học nghề', body: 'Người lao động được hỗ trợ học phí.', qrUrl: 'https://sogd.hanoi.gov.vn/hoc-nghe?a=1',
};
const SLOGAN: PublishedItem = { kind: 'slogan', id: 'c_slogan', revision: 1, theme: 1, durationMs: 8_000, text: 'Học nghề' };

beforeEach(async () => {
  t = await createTestApp({ admin: false, seed: false });
  addReportScreens(t);
  t.services.revisions.insert(1, t.clock.now(), null, { items: { ...none, added: ['c_notice', 'c_slogan'] }, playlists: none, schedules: none },
    { items: [NOTICE, SLOGAN], playlists: [], defaultPlaylistId: null, schedules: [] });
});
afterEach(() => t.hub.stop());

const scan = (path: string, address = '203.0.113.7') => api(t, 'GET', path, { address });
const scans = () => t.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM qr_scans').get()!.n;

describe('GET /r/<code>', () => {
  it('counts the scan with its screen, ward and item, and redirects to the item\'s address', async () => {
    const res = await scan(shortLinkPath('s_a1', 'c_notice'));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(NOTICE.qrUrl);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(t.db.prepare('SELECT screen_id, ward_code, item_id, scanned_at FROM qr_scans').all()).toEqual([
      { screen_id: 's_a1', ward_code: WARD_A, item_id: 'c_notice', scanned_at: t.clock.now() },
    ]);
  });

  it('still leads a code printed off a screen since retired where it pointed, and counts it for that screen', async () => {
    expect(t.services.screens.retire('s_a1', t.clock.now())).toBe(true);
    const res = await scan(shortLinkPath('s_a1', 'c_notice'));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(NOTICE.qrUrl);
    expect(t.db.prepare('SELECT screen_id, ward_code FROM qr_scans').all()).toEqual([{ screen_id: 's_a1', ward_code: WARD_A }]);
  });

  it('counts a flood from one address once a minute, and keeps no address', async () => {
    for (let i = 0; i < 20; i++) expect((await scan('/r/s_a1.c_notice')).status).toBe(302);
    expect(scans()).toBe(1);
    await scan('/r/s_a1.c_notice', '198.51.100.20');
    expect(scans()).toBe(2);
    // The same address scanning another screen's code counts for that screen.
    await scan('/r/s_b1.c_notice');
    expect(scans()).toBe(3);
    t.clock.advance(60_000);
    await scan('/r/s_a1.c_notice');
    expect(scans()).toBe(4);
    const stored = JSON.stringify(dumpDb(t.db));
    expect(stored).not.toContain('203.0.113.7');
    expect(stored).not.toContain('198.51.100.20');
  });

  it('answers 404 to codes that name nothing, and counts nothing', async () => {
    for (const path of ['/r/s_zz.c_notice', '/r/s_a1.c_missing', '/r/s_a1.c_slogan', '/r/s_a1', '/r/s_a1.c_notice.x', '/r/s_a1..c_notice', '/r/.c_notice']) {
      expect((await scan(path)).status, path).toBe(404);
    }
    expect(scans()).toBe(0);
  });

  it('follows a code scanned off the admin\'s preview without counting it', async () => {
    const res = await scan(shortLinkPath(PREVIEW_SCREEN_ID, 'c_notice'));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(NOTICE.qrUrl);
    expect((await scan(shortLinkPath(PREVIEW_SCREEN_ID, DRAFT_ITEM_ID))).status).toBe(404);
    expect((await scan(shortLinkPath(PREVIEW_SCREEN_ID, 'c_slogan'))).status).toBe(404);
    expect(scans()).toBe(0);
  });

  it('redirects only to http(s) addresses', () => {
    expect(isHttp('https://example.vn/a')).toBe(true);
    expect(isHttp('http://example.vn')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'ftp://example.vn', 'data:text/html,x', '//example.vn', 'not a url']) expect(isHttp(bad), bad).toBe(false);
  });

  it('shows scans per item, screen and ward in the report', async () => {
    const users = await reportUsers(t);
    await scan('/r/s_a1.c_notice');
    await scan('/r/s_a1.c_notice', '198.51.100.20');
    await scan('/r/s_b1.c_notice');
    const { body } = await getJson<ReportData>(t, '/api/reports/summary?from=2026-11-01&to=2026-11-30', users.admin);
    expect(body.totals.scans).toBe(3);
    expect(body.scans.rows[0]).toMatchObject({ screenId: 's_a1', itemId: 'c_notice', itemTitle: NOTICE.title, scans: 2, wardCode: WARD_A });
    expect(body.wards.find((w) => w.wardCode === WARD_A)?.scans).toBe(2);
    const ward = await getJson<ReportData>(t, '/api/reports/summary?from=2026-11-01&to=2026-11-30', users.wardA);
    expect(ward.body.totals.scans).toBe(2);
  });
});
