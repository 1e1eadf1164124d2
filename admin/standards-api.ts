import {
  CalendarFeedIssued,
  CalendarFeedStatus,
  CapAlertList,
  CapFeedStatus,
  CapKeyCreated,
  CapKeyList,
  EmbedInfo,
  PortalViews,
} from '../playlists/index.ts';
import { call } from './api.ts';

/** The admin page's calls for the standards view (issue 17). */
export const standardsApi = {
  capAlerts: () => call('GET', '/api/cap/alerts', CapAlertList),
  capKeys: () => call('GET', '/api/cap/keys', CapKeyList),
  createCapKey: (name: string) => call('POST', '/api/cap/keys', CapKeyCreated, { name }),
  revokeCapKey: (id: string) => call('DELETE', `/api/cap/keys/${encodeURIComponent(id)}`, null),
  /** Ends a CAP alert on air, as an emergency is cancelled. */
  endAlert: (scheduleId: string) => call('DELETE', `/api/emergencies/${encodeURIComponent(scheduleId)}`, null),
  capFeed: () => call('GET', '/api/cap/feed', CapFeedStatus),
  setCapFeed: (url: string | null) => call('PUT', '/api/cap/feed', CapFeedStatus, { url }),
  calendarFeed: () => call('GET', '/api/calendar/feed', CalendarFeedStatus),
  issueCalendarFeed: () => call('POST', '/api/calendar/feed', CalendarFeedIssued),
  revokeCalendarFeed: () => call('DELETE', '/api/calendar/feed', null),
  embed: () => call('GET', '/api/embed', EmbedInfo),
  portalViews: (from: string, to: string) => call('GET', `/api/reports/portal-views?from=${from}&to=${to}`, PortalViews),
};
