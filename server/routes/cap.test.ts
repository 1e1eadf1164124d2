import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolve, type CapAlertEntry, type CapIngestResult, type EmergencyStatus } from '../../playlists/index.ts';
import { addUser, sessionFor } from '../testing/accounts.ts';
import { APPENDIX_A, CAP_A2_THUNDERSTORM, HOSTILE, adapted, cancelOf, referenceTo } from '../testing/cap-fixtures.ts';
import { api, connectPlayer, dumpDb, errorOf, lastManifest, type FakePlayer } from '../testing/helpers.ts';
import { BD, HK, OTHER_TOKEN, scheduleTestApp } from '../testing/schedule-fixtures.ts';

type App = Awaited<ReturnType<typeof scheduleTestApp>>;

describe('CAP alerts in (POST /api/cap)', () => {
  let t: App;
  let park: FakePlayer; // the demo screen, in Hoàn Kiếm
  let station: FakePlayer; // in Ba Đình
  let key: string;
  beforeEach(async () => {
    t = await scheduleTestApp();
    park = connectPlayer(t);
    station = connectPlayer(t, { token: OTHER_TOKEN });
    const res = await api(t, 'POST', '/api/cap/keys', { cookie: t.cookie, body: { name: 'Trung tâm dự báo KTTV' } });
    key = ((await res.json()) as { key: string }).key;
  });

  /** A machine posting with its key: no Origin, no cookie. */
  const post = (xml: string, headers: Record<string, string> = {}) =>
    api(t, 'POST', '/api/cap', { body: xml, origin: null, contentType: 'application/cap+xml', headers: { Authorization: `Bearer ${key}`, ...headers } });
  const result = async (res: Response) => (await res.json()) as CapIngestResult;
  const onScreen = (p: FakePlayer) => resolve(lastManifest(p), t.clock.now()).main;
  const storm = (over: Parameters<typeof adapted>[2] = {}) => adapted(CAP_A2_THUNDERSTORM, t.clock.now(), { wards: [BD], ...over });
  const auditActions = () => t.services.auditEntries.query({}, 100).filter((e) => e.objectType === 'cap_alert').map((e) => e.action);

  it('puts an Appendix A alert on the screens of its wards at emergency tier, naming its event', async () => {
    const res = await post(storm());
    expect(res.status).toBe(201);
    const body = await result(res);
    expect(body).toMatchObject({ outcome: 'published', tier: 'emergency', revision: 2 });
    expect(onScreen(station)).toMatchObject({
      reason: { tier: 'emergency', scheduleId: body.scheduleId },
      item: { kind: 'notice', title: 'SEVERE THUNDERSTORM WARNING', source: 'NATIONAL WEATHER SERVICE SACRAMENTO CA' },
    });
    expect(lastManifest(station).schedules.find((s) => s.id === body.scheduleId)).toMatchObject({ event: 'SEVERE THUNDERSTORM', target: { wards: [BD] } });
    expect(onScreen(park).reason.tier).toBe('fallback');
    // Receipts as for any emergency: it is in the emergency list, with the screens it reaches.
    const { emergencies } = (await (await api(t, 'GET', '/api/emergencies', { cookie: t.cookie })).json()) as { emergencies: EmergencyStatus[] };
    expect(emergencies.map((e) => [e.scheduleId, e.screens.map((s) => s.id)])).toEqual([[body.scheduleId, ['s_station']]]);
    expect(auditActions()).toEqual(['published']);
    // It ends by itself when it expires (an hour after it was sent).
    expect(resolve(lastManifest(station), t.clock.now() + 3_600_000).main.reason.tier).toBe('fallback');
  });

  it('ends the alert its Cancel references', async () => {
    const alert = storm();
    const { scheduleId } = await result(await post(alert));
    const itemId = lastManifest(station).playlists.find((p) => p.id === lastManifest(station).schedules.find((s) => s.id === scheduleId)!.playlistId)!.itemIds[0]!;
    t.clock.advance(60_000);
    const res = await post(cancelOf(alert, t.clock.now(), 'KSTO1055887203-cancel'));
    expect([res.status, (await result(res)).outcome]).toEqual([200, 'ended']);
    expect(onScreen(station).reason.tier).toBe('fallback');
    // Its message goes with it, from the revision and the drafts.
    expect(t.services.revisions.latest().snapshot.items.some((i) => i.id === itemId)).toBe(false);
    expect(t.services.content.get(itemId)).toBeUndefined();
  });

  it('updates in place what an Update references, keeping its schedule, and ends it when the update is past', async () => {
    const alert = storm();
    const { scheduleId } = await result(await post(alert));
    t.clock.advance(60_000);
    const update = storm({ set: { identifier: 'KSTO1055887203.2', msgType: 'Update', headline: 'DÔNG MẠNH KÈM MƯA ĐÁ' } })
      .replace('<scope>Public</scope>', `<scope>Public</scope><references>${referenceTo(alert)}</references>`);
    const res = await result(await post(update));
    expect(res).toMatchObject({ outcome: 'updated', scheduleId });
    expect(onScreen(station)).toMatchObject({ reason: { scheduleId }, item: { title: 'DÔNG MẠNH KÈM MƯA ĐÁ' } });
    t.clock.advance(60_000);
    const past = storm({ set: { identifier: 'KSTO1055887203.3', msgType: 'Update', urgency: 'Past' } })
      .replace('<scope>Public</scope>', `<scope>Public</scope><references>${referenceTo(update)}</references>`);
    expect(await result(await post(past))).toMatchObject({ outcome: 'ended', reason: 'below_threshold' });
    expect(onScreen(station).reason.tier).toBe('fallback');
  });

  it('gives a moderate alert priority tier: played first, without the emergency look', async () => {
    const res = await result(await post(storm({ set: { severity: 'Moderate' } })));
    expect(res).toMatchObject({ outcome: 'published', tier: 'priority' });
    expect(onScreen(station).reason).toMatchObject({ tier: 'priority', scheduleId: res.scheduleId });
  });

  it('lets an operator end a priority alert as an emergency is cancelled', async () => {
    const { scheduleId } = await result(await post(storm({ set: { severity: 'Moderate' } })));
    expect((await api(t, 'DELETE', `/api/emergencies/${scheduleId}`, { cookie: t.cookie })).status).toBe(200);
    expect(onScreen(station).reason.tier).toBe('fallback');
    const { alerts } = (await (await api(t, 'GET', '/api/cap/alerts', { cookie: t.cookie })).json()) as { alerts: CapAlertEntry[] };
    expect(alerts[0]).toMatchObject({ outcome: 'published', onAir: false });
  });

  it('keeps a priority alert as it is now across a rollback, as emergencies are', async () => {
    // A city edit published first, for the rollback to take back.
    const edited = t.services.content.list().find((s) => s.item.kind === 'slogan')!.item;
    await api(t, 'PUT', `/api/content/${edited.id}`, { cookie: t.cookie, body: { ...edited, id: undefined, text: 'Học nghề, lập nghiệp' } });
    expect((await api(t, 'POST', '/api/publish', { cookie: t.cookie })).status).toBe(201);
    const moderate = storm({ set: { severity: 'Moderate' } });
    const { scheduleId, revision } = await result(await post(moderate));
    const restore = (n: number) => api(t, 'POST', `/api/revisions/${n}/restore`, { cookie: t.cookie });
    // Restoring the revision before both: the alert on air stays.
    expect((await restore(1)).status).toBe(201);
    expect(onScreen(station).reason).toMatchObject({ tier: 'priority', scheduleId });
    // Cancelled, then the revision it came in restored: it does not come back.
    t.clock.advance(60_000);
    await post(cancelOf(moderate, t.clock.now(), 'huy-1'));
    expect((await restore(revision!)).status).toBe(201);
    expect(onScreen(station).reason.tier).toBe('fallback');
    expect(t.services.schedules.get(scheduleId!)).toBeUndefined();
  });

  it('ignores a duplicate (same sender, identifier and sent)', async () => {
    const alert = storm();
    await post(alert);
    const revision = t.services.revisions.latestNumber();
    const again = await post(alert);
    expect([again.status, (await result(again)).outcome]).toEqual([200, 'duplicate']);
    expect(t.services.revisions.latestNumber()).toBe(revision);
    expect(auditActions()).toEqual(['ignore', 'published']);
  });

  it.each(['Test', 'Exercise'])('lists a %s alert, marked, and never puts it on a screen', async (status) => {
    const before = t.services.revisions.latestNumber();
    const res = await post(storm().replace('<status>Actual</status>', `<status>${status}</status>`));
    expect(await result(res)).toMatchObject({ outcome: 'listed', reason: `status_${status.toLowerCase()}`, scheduleId: null });
    expect(t.services.revisions.latestNumber()).toBe(before);
    const { alerts } = (await (await api(t, 'GET', '/api/cap/alerts', { cookie: t.cookie })).json()) as { alerts: CapAlertEntry[] };
    expect(alerts.map((a) => [a.status, a.outcome, a.onAir])).toEqual([[status, 'listed', false]]);
  });

  it('takes the standard\'s four examples as they are: expired or past, listed', async () => {
    const outcomes = [];
    for (const xml of Object.values(APPENDIX_A)) outcomes.push(await result(await post(xml)));
    expect(outcomes.map((o) => [o.outcome, o.reason])).toEqual([
      // A.1 and A.4 have no expires: a day after they were sent in 2003 is long over.
      ['listed', 'expired'], ['listed', 'expired'], ['listed', 'below_threshold'], ['listed', 'expired'],
    ]);
    expect(t.services.revisions.latestNumber()).toBe(1);
  });

  it.each(Object.entries(HOSTILE))('refuses %s, changes nothing but the audit log, and says why there', async (_, { xml, status, code }) => {
    const before = dumpDb(t.db);
    const res = await post(xml);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    const after = dumpDb(t.db);
    expect({ ...after, audit_log: [] }).toEqual({ ...before, audit_log: [] });
    const entries = t.services.auditEntries.query({}, 5).filter((e) => e.action === 'refuse');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ code, source: 'key:Trung tâm dự báo KTTV' });
  });

  it('refuses an oversized body (413) and anything but CAP\'s XML types (415), audited', async () => {
    const big = storm().replace('</description>', `${'x'.repeat(300 * 1024)}</description>`);
    expect((await errorOf(await post(big))).code).toBe('payload_too_large');
    const json = await api(t, 'POST', '/api/cap', { body: { alert: 1 }, origin: null, headers: { Authorization: `Bearer ${key}` } });
    expect([json.status, (await errorOf(json)).code]).toEqual([415, 'unsupported_media_type']);
    expect(auditActions()).toEqual(['refuse', 'refuse']);
  });

  it('takes application/xml too', async () => {
    expect((await post(storm(), { 'Content-Type': 'application/xml; charset=utf-8' })).status).toBe(201);
  });
});

describe('who may post CAP alerts', () => {
  let t: App;
  beforeEach(async () => {
    t = await scheduleTestApp();
  });
  const alert = () => adapted(CAP_A2_THUNDERSTORM, t.clock.now(), { wards: [HK] });
  const post = (opts: Parameters<typeof api>[3]) => api(t, 'POST', '/api/cap', { body: alert(), contentType: 'application/cap+xml', ...opts });
  const newKey = async () => ((await (await api(t, 'POST', '/api/cap/keys', { cookie: t.cookie, body: { name: 'nguồn' } })).json()) as { id: string; key: string });

  it('a signed-in account with cap_ingest, from the server\'s own origin', async () => {
    const approver = sessionFor(t, await addUser(t, 'duyet', 'approver'));
    expect((await post({ cookie: approver })).status).toBe(201);
    const editor = sessionFor(t, await addUser(t, 'bientap', 'editor'));
    expect((await errorOf(await post({ cookie: editor }))).code).toBe('forbidden');
  });

  it('never a cookie session without the Origin, even beside a key that is not one', async () => {
    expect((await errorOf(await post({ cookie: t.cookie, origin: null }))).code).toBe('bad_origin');
    const res = await post({ cookie: t.cookie, origin: null, headers: { Authorization: 'Bearer btcap_not-a-key' } });
    expect([res.status, (await errorOf(res)).code]).toEqual([401, 'unauthenticated']);
    expect(t.services.revisions.latestNumber()).toBe(1);
  });

  it('a key, kept only as its hash, until an admin revokes it', async () => {
    const { id, key } = await newKey();
    const row = t.db.prepare('SELECT token_hash FROM cap_keys WHERE id = ?').get(id) as { token_hash: string };
    expect(row.token_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(dumpDb(t.db))).not.toContain(key);
    const list = await (await api(t, 'GET', '/api/cap/keys', { cookie: t.cookie })).json();
    expect(JSON.stringify(list)).not.toContain(key);
    expect((await post({ origin: null, headers: { Authorization: `Bearer ${key}` } })).status).toBe(201);
    expect((await api(t, 'DELETE', `/api/cap/keys/${id}`, { cookie: t.cookie })).status).toBe(204);
    const revoked = await post({ origin: null, headers: { Authorization: `Bearer ${key}` } });
    expect([revoked.status, (await errorOf(revoked)).code]).toEqual([401, 'unauthenticated']);
  });

  it('keeps the Origin rule for every other route, key or not', async () => {
    const { key } = await newKey();
    const res = await api(t, 'POST', '/api/cap/keys', { body: { name: 'x' }, origin: null, headers: { Authorization: `Bearer ${key}` } });
    expect((await errorOf(res)).code).toBe('bad_origin');
  });
});
