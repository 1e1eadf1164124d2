import { describe, expect, it } from 'vitest';
import { ScheduleFields, Target, TimeRule, dayNumberOf, targets, weekdayOf, wardShareFor, type ScheduleInput } from './schedule.ts';
import type { TargetScreen } from './schedule.ts';

// Ward codes: Hoàn Kiếm 00070, Ba Đình 00004, Tây Hồ 00091.
const HK = '00070';
const BD = '00004';
const TH = '00091';
const screen = (over: Partial<TargetScreen> = {}): TargetScreen => ({
  id: 's_1',
  wardCode: HK,
  locationKind: 'park',
  tags: [],
  ...over,
});
const target = (t: ScheduleInput['target']) => ({ target: Target.parse(t), ownerWard: null });
const fields = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  name: 'Chiến dịch',
  playlistId: 'p_1',
  target: { all: true },
  time: { startDate: '2026-10-01' },
  ...over,
});
const issuePaths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('Schedule schema', () => {
  it('fills the defaults: normal tier, main zone, every weekday, all day, open-ended, city-owned', () => {
    const s = ScheduleFields.parse(fields());
    expect(s).toMatchObject({ tier: 'normal', zone: 'main', ownerWard: null });
    expect(s.time).toEqual({ startDate: '2026-10-01', endDate: null, weekdays: [0, 1, 2, 3, 4, 5, 6], windows: [] });
    expect(s.target).toEqual({ all: true, wards: [], locationKinds: [], tags: [], screenIds: [] });
  });

  it('refuses a target that names no screens, and all screens combined with filters', () => {
    expect(issuePaths(Target.safeParse({}))).toEqual(['all']);
    expect(issuePaths(Target.safeParse({ all: true, wards: [BD] }))).toEqual(['all']);
  });

  it('refuses an end date that is not after the start date (end is exclusive)', () => {
    expect(issuePaths(TimeRule.safeParse({ startDate: '2026-10-05', endDate: '2026-10-05' }))).toEqual(['endDate']);
    expect(TimeRule.safeParse({ startDate: '2026-10-05', endDate: '2026-10-06' }).success).toBe(true);
  });

  it('refuses an empty window, overlapping windows, and overlaps across midnight', () => {
    expect(issuePaths(TimeRule.safeParse({ startDate: '2026-10-01', windows: [{ start: '08:00', end: '08:00' }] }))).toEqual(['windows.0.end']);
    const overlapping = { startDate: '2026-10-01', windows: [{ start: '08:00', end: '10:00' }, { start: '09:30', end: '11:00' }] };
    expect(issuePaths(TimeRule.safeParse(overlapping))).toEqual(['windows.1']);
    // 22:00–02:00 runs into the next day's 01:00–03:00.
    const acrossMidnight = { startDate: '2026-10-01', windows: [{ start: '22:00', end: '02:00' }, { start: '01:00', end: '03:00' }] };
    expect(issuePaths(TimeRule.safeParse(acrossMidnight))).toEqual(['windows.1']);
    const touching = { startDate: '2026-10-01', windows: [{ start: '22:00', end: '02:00' }, { start: '02:00', end: '06:00' }] };
    expect(TimeRule.safeParse(touching).success).toBe(true);
  });

  it('refuses times that are not HH:MM, weekdays out of range or repeated', () => {
    expect(TimeRule.safeParse({ startDate: '2026-10-01', windows: [{ start: '24:00', end: '01:00' }] }).success).toBe(false);
    expect(TimeRule.safeParse({ startDate: '2026-10-01', windows: [{ start: '8:00', end: '09:00' }] }).success).toBe(false);
    expect(TimeRule.safeParse({ startDate: '2026-10-01', weekdays: [7] }).success).toBe(false);
    expect(issuePaths(TimeRule.safeParse({ startDate: '2026-10-01', weekdays: [1, 1] }))).toEqual(['weekdays']);
    expect(TimeRule.safeParse({ startDate: '2026-10-01', weekdays: [] }).success).toBe(false);
  });

  it('refuses endsAt before startsAt and instants without an offset', () => {
    const rule = { startDate: '2026-10-01', startsAt: '2026-10-01T10:00:00+07:00', endsAt: '2026-10-01T09:00:00+07:00' };
    expect(issuePaths(TimeRule.safeParse(rule))).toEqual(['endsAt']);
    expect(TimeRule.safeParse({ startDate: '2026-10-01', endsAt: '2026-10-01T09:00:00' }).success).toBe(false);
  });

  it('keeps an emergency in the main zone', () => {
    expect(issuePaths(ScheduleFields.safeParse(fields({ tier: 'emergency', zone: 'ticker' })))).toEqual(['zone']);
    expect(ScheduleFields.safeParse(fields({ tier: 'priority', zone: 'ticker' })).success).toBe(true);
  });

  it('keeps a ward schedule at normal tier and on its own ward', () => {
    const ward = HK;
    expect(issuePaths(ScheduleFields.safeParse(fields({ ownerWard: ward, tier: 'priority' })))).toEqual(['tier']);
    expect(issuePaths(ScheduleFields.safeParse(fields({ ownerWard: ward, target: { wards: [ward, BD] } })))).toEqual(['target.wards.1']);
    expect(ScheduleFields.safeParse(fields({ ownerWard: ward, target: { wards: [ward], locationKinds: ['park'] } })).success).toBe(true);
  });

  it('names wards by code, normalises the name to NFC and refuses unknown fields', () => {
    expect(issuePaths(ScheduleFields.safeParse(fields({ ownerWard: 'Phường Hoàn Kiếm' })))).toEqual(['ownerWard']);
    expect(issuePaths(ScheduleFields.safeParse(fields({ target: { wards: ['Ba Đình'] } })))).toEqual(['target.wards.0']);
    expect(ScheduleFields.parse(fields({ name: 'Chie\u0302\u0301n dịch' })).name).toBe('Chiến dịch');
    expect(ScheduleFields.safeParse({ ...fields(), priority: 1 }).success).toBe(false);
  });
});

describe('targets ([S12])', () => {
  it('[S12] reaches every screen with all', () => {
    expect(targets(target({ all: true }), screen({ wardCode: null }))).toBe(true);
  });

  it('[S12] ORs within one filter and ANDs across filters: these wards, and only parks', () => {
    const t = target({ wards: [HK, BD], locationKinds: ['park'] });
    expect(targets(t, screen())).toBe(true);
    expect(targets(t, screen({ wardCode: BD }))).toBe(true);
    expect(targets(t, screen({ locationKind: 'station' }))).toBe(false);
    expect(targets(t, screen({ wardCode: TH }))).toBe(false);
    expect(targets(t, screen({ wardCode: null }))).toBe(false);
  });

  it('[S12] matches a tag filter when the screen has any of the tags', () => {
    const t = target({ tags: ['ga', 'trung-tam'] });
    expect(targets(t, screen({ tags: ['trung-tam'] }))).toBe(true);
    expect(targets(t, screen({ tags: ['khac'] }))).toBe(false);
  });

  it('[S12] adds screens named by id to whatever the filters match', () => {
    const t = target({ locationKinds: ['station'], screenIds: ['s_park'] });
    expect(targets(t, screen({ id: 's_park' }))).toBe(true);
    expect(targets(t, screen({ id: 's_other' }))).toBe(false);
    expect(targets(t, screen({ id: 's_other', locationKind: 'station' }))).toBe(true);
  });

  it('[S12] never lets a ward schedule reach another ward, even by id or all', () => {
    const own = { target: Target.parse({ all: true }), ownerWard: HK };
    expect(targets(own, screen())).toBe(true);
    expect(targets(own, screen({ wardCode: BD }))).toBe(false);
    const byId = { target: Target.parse({ screenIds: ['s_1'] }), ownerWard: BD };
    expect(targets(byId, screen())).toBe(false);
  });
});

describe('calendar helpers', () => {
  it('numbers local days and weekdays independently of the TZ', () => {
    expect(weekdayOf(dayNumberOf('2026-10-04'))).toBe(0);
    expect(weekdayOf(dayNumberOf('2026-10-31'))).toBe(6);
    expect(dayNumberOf('2026-10-05') - dayNumberOf('2026-10-04')).toBe(1);
  });

  it('gives a ward its own cap when the city set one, and the default otherwise', () => {
    const setting = { everyCityItems: 4, maxPercent: 30, wards: { [BD]: 10 } };
    expect(wardShareFor(setting, BD)).toEqual({ everyCityItems: 4, maxPercent: 10 });
    expect(wardShareFor(setting, TH)).toEqual({ everyCityItems: 4, maxPercent: 30 });
    expect(wardShareFor(setting, null)).toEqual({ everyCityItems: 4, maxPercent: 30 });
  });
});
