import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as c from './classic.ts';
import * as m from './player.ts';
import * as w from './wards.ts';

// The server and the admin page parse with the classic twins (classic.ts); screens with the
// zod/mini originals. Both must take and refuse the same input, with the same result and the
// same issues: every valid fixture below, and every fixture broken in every way listed, through
// every shared schema.

const at = '2026-10-04T08:00:00+07:00';
const sha = 'a'.repeat(64);
const file = { url: `/media/${sha}.webp`, sha256: sha, bytes: 1000, type: 'image/webp', width: 640, height: 360 };
const media = { id: sha, kind: 'image', type: 'image/jpeg', bytes: 5000, width: 1920, height: 1080, durationMs: null, files: [file] };
const common = { theme: 3, durationMs: 8_000 };
const items = [
  { kind: 'slogan', ...common, text: '  Học nghề – lập nghiệp  ', secondary: 'Thủ đô' },
  { kind: 'slogan', ...common, text: 'Khẩn', image: sha, validFrom: at, validUntil: '2026-10-05T08:00:00+07:00' },
  { kind: 'countdown', ...common, title: 'Ngày Kỹ năng lao động', eventDate: '2026-10-04', eventTime: '08:00', annual: true, afterDays: 2, afterText: 'Đã diễn ra' },
  { kind: 'notice', ...common, title: 'Chính sách', body: 'Hỗ trợ học phí', source: 'QĐ 1', qrUrl: 'https://gdnn.hanoi.gov.vn/ho-tro' },
  { kind: 'clock', ...common, caption: 'Hà Nội' },
  { kind: 'story', ...common, photo: sha, name: 'Ánh', trade: 'Điện tử', school: 'CĐ Công nghiệp', outcome: 'Trưởng ca', quote: 'Học nghề' },
  { kind: 'image', ...common, media: sha, fit: 'cover', caption: 'Xưởng' },
  { kind: 'video', ...common, media: sha, playToEnd: true },
  { kind: 'ticker', ...common, text: 'Tuyển sinh 2026', speedPxPerSec: 80 },
];
const schedule = {
  id: 'sch_1', name: 'Tuần lễ', playlistId: 'main', tier: 'priority', zone: 'main',
  target: { wards: ['00001'], locationKinds: ['park'] },
  time: { startDate: '2026-10-01', endDate: '2026-10-08', weekdays: [1, 2, 3], windows: [{ start: '22:00', end: '02:00' }] },
};
const screen = {
  id: 'scr_1', name: 'Công viên', ward: 'Hoàn Kiếm', locationKind: 'park', tags: ['ngoài trời'],
  canvas: { x: 0, y: 0, width: 384, height: 192 }, ticker: { position: 'bottom', heightPx: 32 }, theme: 'indoor',
  hours: { windows: [{ days: [1, 2, 3, 4, 5], from: '06:00', to: '22:00' }], outside: 'dim' }, dailyReloadAt: '03:30',
};
const manifest = {
  format: 1, revision: 3, horizon: { from: at, until: '2026-10-12T00:00:00+07:00' },
  items: items.map((item, i) => ({ ...item, id: `item_${i}`, revision: 1 })),
  playlists: [{ id: 'main', name: 'Mặc định', itemIds: ['item_0', 'item_2'] }],
  schedules: [schedule], wardShare: { everyCityItems: 3, maxPercent: 30 },
  fallback: { playlistId: 'main' }, media: [media], version: '0123456789abcdef',
};
const patch = {
  base: '0123456789abcdef', version: 'fedcba9876543210', revision: 4, wardShare: null, fallback: { playlistId: 'main' },
  items: { put: [manifest.items[1]], drop: ['item_3'], order: ['item_1', 'item_0'] }, schedules: { put: [schedule] }, media: { drop: [sha] },
};
const device = {
  secureContext: true, cacheBytes: 10, storage: { usageBytes: 1, quotaBytes: 2 }, memory: null, plays: { queued: 1, dropped: 0 },
  offlineCache: true, media: { version: null, files: 2, filesDone: 1, bytes: 100, bytesDone: 50, error: { reason: 'http', url: '/media/x', status: 404 } },
};
const play = {
  id: '0123456789abcdef', itemId: 'item_0', itemRevision: 1, playlistId: 'main', scheduleId: null, tier: 'fallback', theme: 3,
  startedAt: at, durationMs: 8000, completed: true,
};
const fixtures: unknown[] = [
  ...items, ...items.map((item, i) => ({ ...item, id: `draft_${i}` })), manifest, schedule, screen, device, play, media, file,
  { type: 'hello', protocol: 1, token: 'tok', manifestVersion: null, playerVersion: '0.1', viewport: { width: 1920, height: 1080 }, device },
  { type: 'heartbeat', playing: { itemId: 'item_0', since: at }, manifestVersion: null, uptimeMs: 5, open: false },
  { type: 'plays', events: [play] },
  { type: 'welcome', protocol: 1, serverTime: at, heartbeatMs: 30_000 },
  { type: 'screen', screen },
  { type: 'patch', patch },
  { type: 'resync', version: null },
  { type: 'hello', protocol: 2, token: 'tok', manifestVersion: 'fedcba9876543210', playerVersion: '0.2', viewport: { width: 1, height: 1 }, patches: true },
  { type: 'manifest', manifest },
  { type: 'command', id: 'cmd_1', action: 'identify' },
  { canvas: { x: 0, y: 0, width: 384, height: 192 }, ticker: { position: 'top', heightPx: 120 }, theme: 'outdoor' },
  { hours: { windows: [{ days: [7, 7], from: '06:00', to: '06:00' }], outside: 'clock' }, dailyReloadAt: null },
  { everyCityItems: 2, maxPercent: 20, wards: { '00001': 10 } },
  { viewport: { width: 1, height: 1 }, playerVersion: 'x' },
  { pairingId: 'pr_1', code: 'ABCDEF', secret: 's'.repeat(40), expiresAt: at },
  { status: 'paired', token: 'tok', screen },
  { name: 'Danh sách', itemIds: ['a', 'a'] },
  ' ab-cd 2x ', 'ABCDE2', '00001', 'phuong', 'https://x.vn', '2026-10-04', '08:00', at, 3, 0, -1, null, true, [],
];

/** Ways of breaking a value: each key left out, emptied, or given a wrong value; an extra key. */
function broken(value: unknown, depth = 2): unknown[] {
  if (Array.isArray(value)) return value.length && depth > 0 ? broken(value[0], depth - 1).map((v) => [v, ...value.slice(1)]) : [];
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const out: unknown[] = [{ ...record, extra: 1 }];
  for (const key of Object.keys(record)) {
    const { [key]: _left, ...without } = record;
    out.push(without);
    for (const wrong of [null, '', -1, 1.5, 1e9, 'x'.repeat(700), {}, []]) out.push({ ...record, [key]: wrong });
    if (depth > 0) for (const inner of broken(record[key], depth - 1)) out.push({ ...record, [key]: inner });
  }
  return out;
}

/** Every value inside a value, itself included: a manifest's items, a schedule's target… */
function parts(value: unknown): unknown[] {
  if (Array.isArray(value)) return [value, ...value.flatMap(parts)];
  if (value !== null && typeof value === 'object') return [value, ...Object.values(value).flatMap(parts)];
  return [value];
}

const schemaNames = Object.keys(c).filter((name) => {
  const value = (c as Record<string, unknown>)[name];
  return typeof value === 'object' && value !== null && '_zod' in value && name in { ...m, ...w };
});
const inputs = [...new Set(fixtures.flatMap(parts))].flatMap((f) => [f, ...broken(f, 0)]);

describe('classic twins of the shared schemas', () => {
  it('exist for every schema the player shares', () => {
    const shared = Object.keys({ ...m, ...w }).filter((name) => {
      const value = ({ ...m, ...w } as Record<string, unknown>)[name];
      return typeof value === 'object' && value !== null && '_zod' in value;
    });
    expect(schemaNames.sort()).toEqual(shared.sort());
    expect(schemaNames.length).toBeGreaterThan(50);
  });

  it.each(schemaNames)('%s takes and refuses what its zod/mini original does, with the same result and issues', (name) => {
    const mini = ({ ...m, ...w } as unknown as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: unknown[] } } }>)[name]!;
    const classic = (c as unknown as Record<string, typeof mini>)[name]!;
    let accepted = 0;
    const differ: string[] = [];
    for (const input of inputs) {
      const a = mini.safeParse(input);
      const b = classic.safeParse(input);
      if (a.success) accepted += 1;
      const same = a.success === b.success && (a.success ? isDeepStrictEqual(a.data, b.data) : isDeepStrictEqual(a.error!.issues, b.error!.issues));
      if (!same) differ.push(JSON.stringify(input).slice(0, 200));
    }
    expect(differ, 'inputs the twins judge differently').toEqual([]);
    // Each schema is held to at least one input it takes (its own fixture), not only refusals.
    expect(accepted, `${name}: no fixture it accepts`).toBeGreaterThan(0);
  });

  it('gives each parse its own copy of a default (not one shared array)', () => {
    const a = c.Target.parse({ all: true });
    const b = c.Target.parse({ all: true });
    a.wards.push('00001');
    expect(b.wards).toEqual([]);
  });
});
