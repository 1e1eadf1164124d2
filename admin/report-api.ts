import { PeriodicReport, PeriodicReportList, PeriodicReportView, ReportData, type PeriodicKind } from '../playlists/reports.ts';
import { call } from './api.ts';

/** The *Báo cáo* page's calls (server/routes/reports.ts). */
export const reportApi = {
  summary: (query: URLSearchParams) => call('GET', `/api/reports/summary?${query}`, ReportData),
  periodic: () => call('GET', '/api/reports/periodic', PeriodicReportList),
  view: (id: string) => call('GET', `/api/reports/periodic/${encodeURIComponent(id)}`, PeriodicReportView),
  create: (kind: PeriodicKind, year: number, wardCode: string | null) => call('POST', '/api/reports/periodic', PeriodicReport, { kind, year, wardCode }),
  update: (id: string, changes: { from?: string; to?: string; unitName?: string | null }) =>
    call('PATCH', `/api/reports/periodic/${encodeURIComponent(id)}`, PeriodicReport, changes),
  finalize: (id: string) => call('POST', `/api/reports/periodic/${encodeURIComponent(id)}/final`, PeriodicReport),
};
