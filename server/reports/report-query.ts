import { toLocalIso } from '../../playlists/index.ts';
import type { ItemRow, ReportData, ReportFilters, ThemeRow, UptimeRow, WardRow } from '../../playlists/reports.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import type { ScreenRecord } from '../repos/screens.ts';
import { EmergencyReport } from './emergencies.ts';
import { ItemCatalog } from './items.ts';
import { dateOfDay, dayStart, splitPeriod } from '../repos/rollup-periods.ts';
import type { UptimeService } from './uptime.ts';

export const TOP_ITEMS = 20;
/** Scan rows (screen × item) a report lists, most scanned first. */
export const TOP_SCANS = 200;

type Sums = [plays: number, completed: number, airtimeMs: number];
type Source = { table: string; bucket: string; from: number; to: number };

const add = (a: Sums, b: Sums): Sums => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const ratio = (num: number, den: number) => (den > 0 ? Math.min(1, num / den) : null);
const minutes = (ms: number) => Math.round(ms / 60_000);
/** Plain code-point order: `localeCompare` over 5,000 names costs tens of milliseconds. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Computes a report from the rollups: a long period reads month rows and only its ragged ends
 * read day rows (periods.ts), so a year over 5,000 screens stays well under a second. Screens
 * are given already chosen and ward-scoped (scope.ts); all screens means no screen filter in SQL.
 */
export class ReportQueries {
  readonly #statements = new Map<string, ReturnType<Db['prepare']>>();
  readonly #items: ItemCatalog;
  readonly #emergencies: EmergencyReport;
  readonly #scans;
  readonly #screenCount;
  readonly #wardNames;

  constructor(private readonly deps: { db: Db; clock: Clock; uptime: UptimeService }) {
    this.#items = new ItemCatalog(deps.db);
    this.#emergencies = new EmergencyReport(deps.db);
    this.#scans = deps.db.prepare<[number, number], { screen_id: string; item_id: string; n: number }>(
      'SELECT screen_id, item_id, count(*) AS n FROM qr_scans WHERE scanned_at >= ? AND scanned_at < ? GROUP BY screen_id, item_id',
    );
    this.#screenCount = deps.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM screens');
    this.#wardNames = deps.db.prepare<[], [string, string]>('SELECT code, name FROM wards').raw();
  }

  get items(): ItemCatalog {
    return this.#items;
  }

  #all<R>(sql: string, params: unknown[]): R[] {
    let stmt = this.#statements.get(sql);
    if (!stmt) this.#statements.set(sql, (stmt = this.deps.db.prepare(sql)));
    return stmt.raw().all(...params) as R[];
  }

  /** Runs `select … FROM <source> WHERE <bucket range> [AND screen in scope] GROUP BY <group>` over every source. */
  #grouped<R>(sources: Source[], select: string, group: string, scope: string | null): R[] {
    return sources.flatMap((s) =>
      this.#all<R>(
        `SELECT ${select} FROM ${s.table} WHERE ${s.bucket} BETWEEN ? AND ?${scope ? ' AND screen_id IN (SELECT value FROM json_each(?))' : ''} GROUP BY ${group}`,
        scope ? [s.from, s.to, scope] : [s.from, s.to],
      ),
    );
  }

  compute(screens: readonly ScreenRecord[], filters: ReportFilters, fromDay: number, toDay: number): ReportData {
    const inScope = new Set(screens.map((s) => s.id));
    // Every screen there is: no filter in SQL (rollups of removed screens are left out below).
    const scope = screens.length === this.#screenCount.get()!.n ? null : JSON.stringify([...inScope]);
    const split = splitPeriod(fromDay, toDay);
    // Every screen: the tables without screens. Chosen screens: the per-screen tables, filtered.
    const months = split.months ? [{ bucket: 'month', from: split.months[0], to: split.months[1] }] : [];
    const edges = split.days.map(([from, to]) => ({ bucket: 'day', from, to }));
    const over = (monthTable: string, dayTable: string): Source[] => [
      ...months.map((m) => ({ ...m, table: monthTable })),
      ...edges.map((d) => ({ ...d, table: dayTable })),
    ];
    const sums = 'sum(plays), sum(completed), sum(airtime_ms)';

    const byTheme = new Map<number, Sums>();
    const byItem = new Map<string, { sums: Sums; themes: Map<number, number> }>();
    const itemSources = scope ? over('play_rollup_monthly', 'play_rollup_daily') : over('play_rollup_item_monthly', 'play_rollup_item_daily');
    for (const [id, theme, ...s] of this.#grouped<[string, number, ...Sums]>(itemSources, `item_id, theme, ${sums}`, 'item_id, theme', scope)) {
      byTheme.set(theme, add(byTheme.get(theme) ?? [0, 0, 0], s));
      const entry = byItem.get(id) ?? { sums: [0, 0, 0], themes: new Map() };
      entry.sums = add(entry.sums, s);
      entry.themes.set(theme, (entry.themes.get(theme) ?? 0) + s[0]);
      byItem.set(id, entry);
    }
    const byScreen = new Map<string, Sums>();
    for (const [id, ...s] of this.#grouped<[string, ...Sums]>(over('play_rollup_screen_monthly', 'play_rollup_screen_daily'), `screen_id, ${sums}`, 'screen_id', scope)) {
      if (inScope.has(id)) byScreen.set(id, add(byScreen.get(id) ?? [0, 0, 0], s));
    }
    const byDay = new Map<number, Sums>();
    const dayTable = scope ? 'play_rollup_screen_daily' : 'play_rollup_city_daily';
    for (const [day, ...s] of this.#grouped<[number, ...Sums]>([{ table: dayTable, bucket: 'day', from: fromDay, to: toDay }], `day, ${sums}`, 'day', scope)) {
      byDay.set(day, s);
    }

    const from = dayStart(fromDay);
    const until = dayStart(toDay + 1);
    const scans = this.#scans.all(from, until).filter((r) => inScope.has(r.screen_id));
    const scansByScreen = new Map<string, number>();
    const scansByItem = new Map<string, number>();
    for (const r of scans) {
      scansByScreen.set(r.screen_id, (scansByScreen.get(r.screen_id) ?? 0) + r.n);
      scansByItem.set(r.item_id, (scansByItem.get(r.item_id) ?? 0) + r.n);
    }

    const uptime = this.deps.uptime.forPeriod(screens, fromDay, toDay);
    const total = [...byTheme.values()].reduce(add, [0, 0, 0] as Sums);
    const themes: ThemeRow[] = [1, 2, 3, 4, 5, 6, 7].map((theme) => {
      const s = byTheme.get(theme) ?? [0, 0, 0];
      return { theme, plays: s[0], completed: s[1], airtimeMs: s[2], share: ratio(s[2], total[2]) };
    });

    const wardNames = new Map(this.#wardNames.all());
    const wards = new Map<string | null, { screens: number; sums: Sums; scans: number; open: number; online: number }>();
    for (const screen of screens) {
      const ward = screen.wardCode ?? null;
      const w = wards.get(ward) ?? { screens: 0, sums: [0, 0, 0] as Sums, scans: 0, open: 0, online: 0 };
      w.screens += 1;
      w.sums = add(w.sums, byScreen.get(screen.id) ?? [0, 0, 0]);
      w.scans += scansByScreen.get(screen.id) ?? 0;
      const u = uptime.get(screen.id);
      w.open += u?.openMs ?? 0;
      w.online += u?.onlineMs ?? 0;
      wards.set(ward, w);
    }
    const wardRows: WardRow[] = [...wards].map(([code, w]) => ({
      wardCode: code, wardName: code === null ? null : wardNames.get(code) ?? code, screens: w.screens,
      plays: w.sums[0], airtimeMs: w.sums[2], scans: w.scans, uptimeShare: ratio(w.online, w.open),
    })).sort((a, b) => b.plays - a.plays || byText(a.wardName ?? '', b.wardName ?? ''));
    // Plays of screens removed since (only when every screen is in scope): one row of their own,
    // so the wards add up to the total and last year's report keeps its history.
    const removed = [0, 1, 2].map((i) => total[i]! - wardRows.reduce((n, w) => n + (i === 0 ? w.plays : i === 2 ? w.airtimeMs : 0), 0));
    if (scope === null && removed[0]! > 0) {
      wardRows.push({ wardCode: null, wardName: null, screens: 0, plays: removed[0]!, airtimeMs: removed[2]!, scans: 0, uptimeShare: null });
    }

    const top = [...byItem].sort((a, b) => b[1].sums[0] - a[1].sums[0] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_ITEMS);
    const scanRows = [...scans].sort((a, b) => b.n - a.n).slice(0, TOP_SCANS);
    const info = this.#items.lookup([...new Set([...top.map(([id]) => id), ...scanRows.map((r) => r.item_id)])]);
    const topItems: ItemRow[] = top.map(([id, e]) => ({
      itemId: id, title: info.get(id)?.title ?? id, kind: info.get(id)?.kind ?? null,
      theme: [...e.themes].sort((a, b) => b[1] - a[1])[0]![0],
      plays: e.sums[0], completed: e.sums[1], airtimeMs: e.sums[2], scans: scansByItem.get(id) ?? 0,
    }));

    const byId = new Map(screens.map((s) => [s.id, s]));
    let open = 0;
    let online = 0;
    const uptimeRows: UptimeRow[] = screens.map((s) => {
      const u = uptime.get(s.id) ?? { openMs: 0, onlineMs: 0 };
      open += u.openMs;
      online += u.onlineMs;
      return { screenId: s.id, name: s.name, wardCode: s.wardCode ?? null, locationKind: s.locationKind, openMinutes: minutes(u.openMs), onlineMinutes: minutes(u.onlineMs), share: ratio(u.onlineMs, u.openMs) };
    }).sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || byText(a.name, b.name));

    const days = [];
    for (let d = fromDay; d <= toDay; d++) {
      const s = byDay.get(d) ?? [0, 0, 0];
      days.push({ date: dateOfDay(d), plays: s[0], completed: s[1], airtimeMs: s[2] });
    }

    return {
      period: { from: dateOfDay(fromDay), to: dateOfDay(toDay) },
      filters: { wards: filters.wards, locationKinds: filters.locationKinds, screens: filters.screens },
      generatedAt: toLocalIso(this.deps.clock.now()),
      totals: { screens: screens.length, plays: total[0], completed: total[1], airtimeMs: total[2], scans: scans.reduce((n, r) => n + r.n, 0) },
      themes,
      wards: wardRows,
      days,
      topItems,
      uptime: { openMinutes: minutes(open), onlineMinutes: minutes(online), share: ratio(online, open), screens: uptimeRows },
      emergencies: this.#emergencies.list(from, until, screens),
      scans: {
        total: scans.reduce((n, r) => n + r.n, 0),
        rows: scanRows.map((r) => ({
          screenId: r.screen_id, screenName: byId.get(r.screen_id)?.name ?? r.screen_id, wardCode: byId.get(r.screen_id)?.wardCode ?? null,
          itemId: r.item_id, itemTitle: info.get(r.item_id)?.title ?? r.item_id, scans: r.n,
        })),
      },
    };
  }
}
