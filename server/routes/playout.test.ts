import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishedItem } from '../../playlists/index.ts';
import { parseCsv } from '../http/csv.ts';
import { PLAYOUT_FIELDS, PLAYOUT_PAGE } from '../reports/playout.ts';
import { WARD_A, addReportScreens, play, reportUsers, storeFixturePlays } from '../testing/reports.ts';
import { api, createTestApp, type TestApp } from '../testing/helpers.ts';

let t: TestApp;
let users: Awaited<ReturnType<typeof reportUsers>>;

const none = { added: [], changed: [], removed: [] };
/** A published slogan whose text needs quoting in CSV: a comma and a double quote. */
const QUOTED: PublishedItem = { kind: 'slogan', id: 'c_theme1', revision: 1, theme: 1, durationMs: 10_000, text: 'Học nghề, có việc "ngay"' };

beforeEach(async () => {
  t = await createTestApp({ admin: false, seed: false });
  addReportScreens(t);
  t.services.revisions.insert(1, t.clock.now(), null, { items: { ...none, added: ['c_theme1'] }, playlists: none, schedules: none },
    { items: [QUOTED], playlists: [], defaultPlaylistId: null, schedules: [] });
  storeFixturePlays(t);
  users = await reportUsers(t);
});
afterEach(() => t.hub.stop());

async function playout(query: string, cookie = users.admin): Promise<{ res: Response; text: string; records: string[][] }> {
  const res = await api(t, 'GET', `/api/reports/playout?${query}`, { cookie });
  const text = await res.text();
  return { res, text, records: parseCsv(text).map((r) => r.fields) };
}

const field = (record: string[], name: (typeof PLAYOUT_FIELDS)[number]) => record[PLAYOUT_FIELDS.indexOf(name)]!;

describe('GET /api/reports/playout', () => {
  it('follows the playout file rules: no header, LF after every record, 19 fields, offsets with dates', async () => {
    const { res, text, records } = await playout('from=2026-10-15&to=2026-11-30');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain('\r');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('\n\n');
    // One record per play in the period (the play of 14/10 is outside it), no header.
    expect(records).toHaveLength(6);
    expect(text.split('\n').filter(Boolean)).toHaveLength(6);
    for (const r of records) {
      expect(r).toHaveLength(19);
      expect(field(r, 'frameid')).toMatch(/^[1-9]\d*$/);
      for (const [date, offset] of [['startdate', 'startutcoffset'], ['enddate', 'endutcoffset']] as const) {
        expect(field(r, date)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
        expect(field(r, offset)).toBe('+07:00');
      }
      expect(Date.parse(`${field(r, 'enddate')}Z`) - Date.parse(`${field(r, 'startdate')}Z`)).toBe(Number(field(r, 'spotlength')));
      for (const name of ['orderid', 'spacebuyerid', 'spacebrandid', 'creativeid', 'creativename', 'mediaownerplayoutref'] as const) {
        expect(field(r, name), name).not.toBe('');
      }
      expect(field(r, 'playerref').length).toBeLessThanOrEqual(36);
      expect(field(r, 'mediaownerplayoutref').length).toBeLessThanOrEqual(48);
      for (const value of r) expect(value).toBe(value.trim());
    }
    // Oldest first; the start is UTC with Hanoi's offset beside it.
    expect(field(records[0]!, 'startdate')).toBe('2026-10-20T03:00:00.000');
    expect(new Set(records.map((r) => field(r, 'mediaownerplayoutref'))).size).toBe(6);
  });

  it('quotes a text field holding a comma or a quote, doubling the quote', async () => {
    const { text, records } = await playout('from=2026-10-31&to=2026-10-31');
    expect(text).toContain(',"Học nghề, có việc ""ngay""",');
    expect(field(records[0]!, 'creativename')).toBe('Học nghề, có việc "ngay"');
    expect(field(records[0]!, 'creativeid')).toBe('c_theme1@1');
    expect(field(records[0]!, 'creativetriggerevent')).toBe('normal');
  });

  it("gives a ward operator its ward's plays only", async () => {
    const { records } = await playout('from=2026-10-15&to=2026-11-30', users.wardA);
    expect(records).toHaveLength(4);
    const frames = new Map(t.db.prepare<[], { screen_id: string; frame_id: number }>('SELECT screen_id, frame_id FROM report_frames').all().map((r) => [String(r.frame_id), r.screen_id]));
    expect(new Set(records.map((r) => frames.get(field(r, 'frameid'))))).toEqual(new Set(['s_a1', 's_a2']));
    expect(WARD_A).toBe('P01');
  });

  it('pages through many plays with the same start, losing and repeating none', async () => {
    const count = PLAYOUT_PAGE * 2 + 7;
    const events = Array.from({ length: count }, (_, i) => play(`2026-11-05T10:00:0${i % 3}+07:00`, 2, 1_000));
    for (let i = 0; i < events.length; i += 500) t.services.plays.insertBatches([{ screenId: 's_a1', events: events.slice(i, i + 500), receivedAt: t.clock.now() }]);
    const { records } = await playout('from=2026-11-05&to=2026-11-05');
    expect(records).toHaveLength(count);
    expect(new Set(records.map((r) => field(r, 'mediaownerplayoutref'))).size).toBe(count);
    const starts = records.map((r) => field(r, 'startdate'));
    expect([...starts].sort()).toEqual(starts);
  });
});
