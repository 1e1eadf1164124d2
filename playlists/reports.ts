import './zod-config.ts';
import { z } from 'zod';
import { Id, Instant, LocalDate, LocationKind, Theme, WardCode } from './classic.ts';

/**
 * Reports (issue 14): what plays got — per theme, ward, day and item —, screens' uptime,
 * emergencies and their receipts, and QR scans, over a period and a choice of screens; and the
 * periodic reports the plan asks of every unit (six-month before 25/05, yearly before 15/12).
 */

const count = z.int().min(0);
const share = z.number().min(0).max(1).nullable();

/** A comma-separated list in a query string (`wards=01,02`), each entry checked. */
const list = <T extends string>(entry: z.ZodType<T, string>, max: number) =>
  z.string().max(max * 70).optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []))
    .pipe(z.array(entry).max(max));

/** `GET /api/reports/…` filters: local days `from`…`to` (inclusive), and optionally wards, location kinds, screens. */
export const ReportQuery = z.object({
  from: LocalDate,
  to: LocalDate,
  wards: list(WardCode, 200),
  locationKinds: list(LocationKind, 10),
  screens: list(Id, 1000),
});
export type ReportQuery = z.infer<typeof ReportQuery>;
export type ReportFilters = Pick<ReportQuery, 'wards' | 'locationKinds' | 'screens'>;

/** `GET /api/reports/playout`: the raw plays of local days `from`…`to`. */
export const PlayoutQuery = ReportQuery.pick({ from: true, to: true, wards: true, screens: true });

export const ThemeRow = z.object({ theme: Theme, plays: count, completed: count, airtimeMs: count, share });
export type ThemeRow = z.infer<typeof ThemeRow>;
export const WardRow = z.object({
  wardCode: WardCode.nullable(), wardName: z.string().nullable(), screens: count,
  plays: count, airtimeMs: count, scans: count, uptimeShare: share,
});
export type WardRow = z.infer<typeof WardRow>;
export const DayRow = z.object({ date: LocalDate, plays: count, completed: count, airtimeMs: count });
export type DayRow = z.infer<typeof DayRow>;
export const ItemRow = z.object({
  itemId: Id, title: z.string(), kind: z.string().nullable(), theme: Theme,
  plays: count, completed: count, airtimeMs: count, scans: count,
});
export type ItemRow = z.infer<typeof ItemRow>;
export const UptimeRow = z.object({
  screenId: Id, name: z.string(), wardCode: WardCode.nullable(), locationKind: LocationKind,
  openMinutes: count, onlineMinutes: count, share,
});
export type UptimeRow = z.infer<typeof UptimeRow>;
export const EmergencyRow = z.object({
  scheduleId: Id, text: z.string(), startsAt: Instant, wards: z.array(WardCode),
  /** Screens (of the report's) the emergency targeted, and how many of them showed it. */
  targeted: count, shown: count,
  /** From its start until 95 % of the targeted screens had shown it; null if they never did. */
  timeTo95Ms: count.nullable(),
});
export type EmergencyRow = z.infer<typeof EmergencyRow>;
export const ScanRow = z.object({
  screenId: Id, screenName: z.string(), wardCode: WardCode.nullable(),
  itemId: Id, itemTitle: z.string(), scans: count,
});
export type ScanRow = z.infer<typeof ScanRow>;

export const ReportData = z.object({
  period: z.object({ from: LocalDate, to: LocalDate }),
  filters: z.object({ wards: z.array(WardCode), locationKinds: z.array(LocationKind), screens: z.array(Id) }),
  generatedAt: Instant,
  totals: z.object({ screens: count, plays: count, completed: count, airtimeMs: count, scans: count }),
  /** Always the plan's seven themes, in order. */
  themes: z.array(ThemeRow).length(7),
  wards: z.array(WardRow),
  days: z.array(DayRow),
  /** The items played most, at most 20. */
  topItems: z.array(ItemRow),
  uptime: z.object({ openMinutes: count, onlineMinutes: count, share, screens: z.array(UptimeRow) }),
  emergencies: z.array(EmergencyRow),
  scans: z.object({ total: count, rows: z.array(ScanRow) }),
});
export type ReportData = z.infer<typeof ReportData>;

export const PERIODIC_KINDS = ['six_month', 'yearly'] as const;
export const PeriodicKind = z.enum(PERIODIC_KINDS);
export type PeriodicKind = z.infer<typeof PeriodicKind>;

export const PeriodicReport = z.object({
  id: Id,
  kind: PeriodicKind,
  year: z.int(),
  /** Null: the city's report; otherwise one ward's. */
  wardCode: WardCode.nullable(),
  wardName: z.string().nullable(),
  /** The report is due before this day (25/05 or 15/12). */
  dueDate: LocalDate,
  period: z.object({ from: LocalDate, to: LocalDate }),
  unitName: z.string().nullable(),
  status: z.enum(['draft', 'final']),
  draftedBy: z.enum(['schedule', 'user']),
  createdAt: Instant,
  frozenAt: Instant.nullable(),
  /** Plays of its period and screens stored after it was frozen (not in its numbers). */
  latePlays: count,
});
export type PeriodicReport = z.infer<typeof PeriodicReport>;
export const PeriodicReportList = z.object({ reports: z.array(PeriodicReport) });
export const PeriodicReportView = PeriodicReport.extend({ data: ReportData });
export type PeriodicReportView = z.infer<typeof PeriodicReportView>;

export const PeriodicCreate = z.strictObject({
  kind: PeriodicKind,
  year: z.int().min(2025).max(2100),
  /** A ward's report; omitted or null: the city's (a ward operator's is always its ward's). */
  wardCode: WardCode.nullable().optional(),
});
export const PeriodicUpdate = z.strictObject({
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  unitName: z.string().trim().normalize('NFC').max(200).nullable().optional(),
});

export const REPORT_TABLES = ['themes', 'wards', 'days', 'items', 'uptime', 'emergencies', 'scans'] as const;
export const ReportTable = z.enum(REPORT_TABLES);
export type ReportTable = z.infer<typeof ReportTable>;

type Cell = string | number | null;
export interface Table {
  columns: string[];
  rows: Cell[][];
}

const minutesOf = (ms: number) => Math.round(ms / 60_000);

/**
 * Every table of a report as columns (stable keys, labelled by each side: English in the API's
 * CSV, Vietnamese in the admin page's) and rows.
 */
export function reportTable(data: ReportData, table: ReportTable): Table {
  switch (table) {
    case 'themes':
      return { columns: ['theme', 'plays', 'completed', 'airtime_minutes', 'share'], rows: data.themes.map((r) => [r.theme, r.plays, r.completed, minutesOf(r.airtimeMs), r.share]) };
    case 'wards':
      return { columns: ['ward_code', 'ward_name', 'screens', 'plays', 'airtime_minutes', 'scans', 'uptime_share'], rows: data.wards.map((r) => [r.wardCode, r.wardName, r.screens, r.plays, minutesOf(r.airtimeMs), r.scans, r.uptimeShare]) };
    case 'days':
      return { columns: ['date', 'plays', 'completed', 'airtime_minutes'], rows: data.days.map((r) => [r.date, r.plays, r.completed, minutesOf(r.airtimeMs)]) };
    case 'items':
      return { columns: ['item_id', 'title', 'kind', 'theme', 'plays', 'completed', 'airtime_minutes', 'scans'], rows: data.topItems.map((r) => [r.itemId, r.title, r.kind, r.theme, r.plays, r.completed, minutesOf(r.airtimeMs), r.scans]) };
    case 'uptime':
      return { columns: ['screen_id', 'screen_name', 'ward_code', 'location_kind', 'open_minutes', 'online_minutes', 'share'], rows: data.uptime.screens.map((r) => [r.screenId, r.name, r.wardCode, r.locationKind, r.openMinutes, r.onlineMinutes, r.share]) };
    case 'emergencies':
      return { columns: ['schedule_id', 'text', 'starts_at', 'targeted', 'shown', 'time_to_95_seconds'], rows: data.emergencies.map((r) => [r.scheduleId, r.text, r.startsAt, r.targeted, r.shown, r.timeTo95Ms === null ? null : Math.round(r.timeTo95Ms / 1000)]) };
    case 'scans':
      return { columns: ['screen_id', 'screen_name', 'ward_code', 'item_id', 'item_title', 'scans'], rows: data.scans.rows.map((r) => [r.screenId, r.screenName, r.wardCode, r.itemId, r.itemTitle, r.scans]) };
    default: {
      const unknown: never = table;
      throw new Error(`no table ${String(unknown)}`);
    }
  }
}
