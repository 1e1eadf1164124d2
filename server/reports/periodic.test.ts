import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PeriodicReport, PeriodicReportView, ReportData } from '../../playlists/reports.ts';
import { WardScope } from '../auth/ward-scope.ts';
import { ManualScheduler } from '../scheduler.ts';
import { api, createTestApp, errorOf, type TestApp } from '../testing/helpers.ts';
import { createReporting } from './index.ts';
import { defaultPeriod } from './periodic.ts';
import { WARD_A, WARD_B, addReportScreens, getJson, play, reportUsers, storeFixturePlays } from '../testing/reports.ts';

let t: TestApp;
let users: Awaited<ReturnType<typeof reportUsers>>;
beforeEach(async () => {
  t = await createTestApp({ admin: false, seed: false });
  addReportScreens(t);
  storeFixturePlays(t);
  users = await reportUsers(t);
});
afterEach(() => t.hub.stop());

describe('periodic reports', () => {
  it('default to the whole months before the deadline', () => {
    expect(defaultPeriod('six_month', 2027)).toEqual({ due: '2027-05-25', from: '2026-11-01', to: '2027-04-30' });
    expect(defaultPeriod('yearly', 2026)).toEqual({ due: '2026-12-15', from: '2025-12-01', to: '2026-11-30' });
  });

  it('are drafted by the job a week before each deadline, once', () => {
    const scheduler = new ManualScheduler(t.clock);
    const reporting = createReporting({ ...t.services, hub: t.hub, retentionDays: 400 });
    reporting.start(scheduler);
    // 26/11: the yearly report (due 15/12) is not due for drafting yet.
    expect(reporting.periodic.list(cityScope())).toEqual([]);
    t.clock.set(Date.parse('2026-12-08T06:00:00+07:00'));
    expect(scheduler.runDue()).toContain('periodic-report-drafts');
    const drafted = reporting.periodic.list(cityScope());
    expect(drafted.map((r) => [r.kind, r.year, r.wardCode, r.status, r.draftedBy])).toEqual([
      ['yearly', 2026, null, 'draft', 'schedule'],
      ['yearly', 2026, WARD_A, 'draft', 'schedule'],
      ['yearly', 2026, WARD_B, 'draft', 'schedule'],
    ]);
    expect(drafted[0]!.period).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    t.clock.set(Date.parse('2026-12-09T06:00:00+07:00'));
    scheduler.runDue();
    expect(reporting.periodic.list(cityScope())).toHaveLength(3);
    // The six-month report is drafted from 18/05.
    t.clock.set(Date.parse('2027-05-18T06:00:00+07:00'));
    scheduler.runDue();
    expect(reporting.periodic.list(cityScope()).filter((r) => r.kind === 'six_month')).toHaveLength(3);
    reporting.stop();
  });

  it('keep their numbers once final, and count the plays that came late', async () => {
    const created = await api(t, 'POST', '/api/reports/periodic', { cookie: users.admin, body: { kind: 'yearly', year: 2026 } });
    const { id } = (await created.json()) as PeriodicReport;
    const draft = await getJson<PeriodicReportView>(t, `/api/reports/periodic/${id}`, users.admin);
    expect(draft.body.status).toBe('draft');
    expect(draft.body.data.totals.plays).toBe(7);

    t.clock.advance(60_000);
    const final = await api(t, 'POST', `/api/reports/periodic/${id}/final`, { cookie: users.admin });
    expect(final.status).toBe(200);
    const frozen = await getJson<PeriodicReportView>(t, `/api/reports/periodic/${id}`, users.admin);


    // A week later a screen that was offline sends its plays of November; one is a resend.
    t.clock.advance(7 * 86_400_000);
    const late = [play('2026-11-25T10:00:00+07:00', 2, 15_000), play('2026-11-29T10:00:00+07:00', 2, 15_000)];
    t.services.plays.insertBatches([
      { screenId: 's_b1', events: late, receivedAt: t.clock.now() },
      { screenId: 's_b1', events: [late[0]!], receivedAt: t.clock.now() },
      // After the period: not late for this report.
      { screenId: 's_b1', events: [play('2026-12-02T10:00:00+07:00', 2, 15_000)], receivedAt: t.clock.now() },
    ]);
    // Sessions end after a week idle: sign in again.
    users = await reportUsers(t, 'later');

    const after = await getJson<PeriodicReportView>(t, `/api/reports/periodic/${id}`, users.admin);
    expect(after.body.data).toEqual(frozen.body.data);
    expect(after.body.status).toBe('final');
    expect(after.body.latePlays).toBe(2);
    // The plays are stored all the same: the live report of the same period has them.
    const live = await getJson<ReportData>(t, '/api/reports/summary?from=2025-12-01&to=2026-11-30', users.admin);
    expect(live.body.totals.plays).toBe(9);

    const patch = await api(t, 'PATCH', `/api/reports/periodic/${id}`, { cookie: users.admin, body: { unitName: 'Khác' } });
    expect(patch.status).toBe(409);
    expect((await errorOf(patch)).code).toBe('report_final');
  });

  it('change period and unit name while draft; a bad period changes nothing', async () => {
    const created = await api(t, 'POST', '/api/reports/periodic', { cookie: users.admin, body: { kind: 'six_month', year: 2027 } });
    const { id } = (await created.json()) as PeriodicReport;
    const ok = await api(t, 'PATCH', `/api/reports/periodic/${id}`, { cookie: users.admin, body: { from: '2026-11-15', unitName: 'Sở Giáo dục và Đào tạo' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ period: { from: '2026-11-15', to: '2027-04-30' }, unitName: 'Sở Giáo dục và Đào tạo' });
    const bad = await api(t, 'PATCH', `/api/reports/periodic/${id}`, { cookie: users.admin, body: { from: '2027-05-01' } });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('invalid_period');
    const again = await api(t, 'POST', '/api/reports/periodic', { cookie: users.admin, body: { kind: 'six_month', year: 2027 } });
    expect(again.status).toBe(409);
    const view = await getJson<PeriodicReport>(t, `/api/reports/periodic/${id}`, users.admin);
    expect(view.body.period).toEqual({ from: '2026-11-15', to: '2027-04-30' });
  });
});

const cityScope = () => WardScope.city;
