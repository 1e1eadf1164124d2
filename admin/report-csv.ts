import { REPORT_TABLES, reportTable, type ReportData, type ReportTable } from '../playlists/reports.ts';
import { reportMessages } from './messages/reports.ts';

/** Cells a spreadsheet would run as a formula start with one of these (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One table of a report as a CSV file for Excel: UTF-8 with a BOM (so Vietnamese reads right),
 * CRLF, Vietnamese headers, themes by name.
 */
export function tableCsv(data: ReportData, table: ReportTable): string {
  const t = reportTable(data, table);
  const themeColumn = t.columns.indexOf('theme');
  const header = t.columns.map((c) => reportMessages.csvColumns[c] ?? c);
  const rows = t.rows.map((r) => r.map((v, i) => (i === themeColumn && typeof v === 'number' ? reportMessages.themes[v - 1] ?? v : v)));
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export const CSV_TABLES = REPORT_TABLES;

/** Offers a CSV file for download. */
export function downloadCsv(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
