import { describe, expect, it } from 'vitest';
import type { ScreenStatus } from '../playlists/index.ts';
import { NO_FILTER, filterScreens, summarize, visibleRange } from './fleet.ts';

function screen(id: string, patch: Partial<ScreenStatus> = {}): ScreenStatus {
  return {
    id,
    name: `Màn hình ${id}`,
    ward: 'Phường Ba Đình',
    wardCode: null,
    fallbackPlaylistId: null,
    locationKind: 'park',
    tags: [],
    canvas: null,
    ticker: null,
    theme: 'outdoor',
    hours: null,
    dailyReloadAt: '03:30',
    open: true,
    connected: true,
    lastSeenAt: '2026-11-26T09:00:00+07:00',
    manifestVersion: 'v1',
    expectedVersion: 'v1',
    playerVersion: '0.1.0',
    viewport: { width: 1920, height: 1080 },
    state: 'online',
    sync: 'current',
    connectedAt: '2026-11-26T08:00:00+07:00',
    uptimeMs: 3_600_000,
    playing: null,
    device: null,
    alert: null,
    command: null,
    ...patch,
  };
}

const offline = (id: string, since: string, patch: Partial<ScreenStatus> = {}) =>
  screen(id, { state: 'offline', connected: false, connectedAt: null, alert: { since }, ...patch });

describe('filterScreens', () => {
  const all = [
    screen('a', { name: 'Vườn hoa Lý Thái Tổ', ward: 'Phường Hoàn Kiếm' }),
    screen('b', { name: 'Bến xe Giáp Bát', ward: 'Phường Hoàng Mai', locationKind: 'station', sync: 'behind' }),
    offline('c', '2026-11-26T07:00:00+07:00', { name: 'Cổng trường', locationKind: 'school' }),
    offline('d', '2026-11-26T05:00:00+07:00', { name: 'Ga Hà Nội', locationKind: 'station' }),
    screen('e', { name: 'Anh', state: 'never', connected: false, device: { secureContext: false, cacheBytes: null, storage: null, memory: null, plays: { queued: 0, dropped: 0 } } }),
  ];
  const ids = (list: ScreenStatus[]) => list.map((s) => s.id);

  it('puts alerts first, the longest offline at the top, then the rest by name', () => {
    expect(ids(filterScreens(all, NO_FILTER))).toEqual(['d', 'c', 'e', 'b', 'a']);
  });

  it('filters by ward, location kind, state and part of the name', () => {
    expect(ids(filterScreens(all, { ...NO_FILTER, ward: 'Phường Hoàn Kiếm' }))).toEqual(['a']);
    expect(ids(filterScreens(all, { ...NO_FILTER, locationKind: 'station' }))).toEqual(['d', 'b']);
    expect(ids(filterScreens(all, { ...NO_FILTER, state: 'offline' }))).toEqual(['d', 'c']);
    expect(ids(filterScreens(all, { ...NO_FILTER, state: 'never' }))).toEqual(['e']);
    expect(ids(filterScreens(all, { ...NO_FILTER, state: 'behind' }))).toEqual(['b']);
    expect(ids(filterScreens(all, { ...NO_FILTER, state: 'no_offline_cache' }))).toEqual(['e']);
    expect(ids(filterScreens(all, { ...NO_FILTER, text: 'GA HÀ' }))).toEqual(['d']);
    expect(ids(filterScreens(all, { ...NO_FILTER, locationKind: 'station', state: 'online' }))).toEqual(['b']);
  });

  it('counts states, alerts and screens behind', () => {
    expect(summarize(all)).toEqual({ all: 5, online: 2, offline: 2, never: 1, closed: 0, alerts: 2, behind: 1 });
  });

  it('counts a screen offline outside its operating hours as closed, not offline', () => {
    const first = all.findIndex((s) => s.state === 'offline');
    const closed = all.map((s, i) => (i === first ? { ...s, open: false, alert: null } : s));
    expect(summarize(closed)).toMatchObject({ offline: 1, closed: 1, alerts: 1 });
  });
});

describe('visibleRange', () => {
  it('covers the rows in view and a few on either side, within the list', () => {
    expect(visibleRange(0, 640, 64, 5_000, 8)).toEqual({ start: 0, end: 19 });
    expect(visibleRange(64 * 1_000, 640, 64, 5_000, 8)).toEqual({ start: 992, end: 1_019 });
    expect(visibleRange(64 * 4_995, 640, 64, 5_000, 8)).toEqual({ start: 4_987, end: 5_000 });
    expect(visibleRange(0, 640, 64, 3, 8)).toEqual({ start: 0, end: 3 });
  });
});
