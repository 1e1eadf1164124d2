import { rolesWith, type Role } from '../../playlists/index.ts';

/**
 * Who may call each /api route: the one table the authorization matrix test (authz.test.ts)
 * checks every registered route against, for every role, without a session, and with a
 * screen's player token as a cookie and as a bearer token. A route missing here fails that
 * test: add its row when you add the route.
 *
 * - `allow`: `'public'` (anyone, signed in or not), `'signed_in'` (every role), the roles the
 *   permissions table gives a right (`rolesWith(right)`, playlists/permissions.ts: others get 403
 *   forbidden, no session 401), or `'player'` (a screen token only).
 * - `params`: values for the path's `{params}` (default `zz_missing`).
 * - `body`: a JSON body to send (none by default).
 * - `expect`: the status an allowed caller gets for this probe. Choose probes that change
 *   nothing (a body that fails validation, an unknown id), so the rows do not disturb each other.
 * - `ward`: for a route a ward operator may call with an object's id (`{id}` in the path, or
 *   `wardQuery` naming it `{id}`), which ward-bound object that is, or `'none'`. ward-scope.test.ts
 *   proves that a ward operator naming another ward's object gets exactly the 404 a missing id
 *   gets and that nothing changes. Such a route without `ward` fails that test.
 */
export interface Access {
  allow: 'public' | 'signed_in' | 'player' | readonly Role[];
  params?: Record<string, string>;
  body?: unknown;
  expect: number;
  ward?: WardBound | 'none';
  /** The query a ward probe sends; `{id}` stands for the object's id. */
  wardQuery?: Record<string, string>;
}

export type WardBound = 'screen' | 'content_item' | 'playlist' | 'schedule';

const NO_MEDIA = '0'.repeat(64);
export const AUTHZ_MATRIX: Record<string, Access> = {
  // session
  'POST /api/session': { allow: 'public', body: {}, expect: 400 },
  'GET /api/session': { allow: 'public', expect: 200 },
  'DELETE /api/session': { allow: 'signed_in', expect: 204 },
  'DELETE /api/sessions': { allow: 'signed_in', expect: 204 },
  'PUT /api/session/password': { allow: 'signed_in', body: {}, expect: 400 },

  // accounts and wards
  'GET /api/users': { allow: rolesWith('manage_users'), expect: 200 },
  'POST /api/users': { allow: rolesWith('manage_users'), body: {}, expect: 400 },
  'PATCH /api/users/{id}': { allow: rolesWith('manage_users'), params: { id: '999999' }, body: {}, expect: 404 },
  'PUT /api/users/{id}/password': { allow: rolesWith('manage_users'), params: { id: '999999' }, body: {}, expect: 400 },
  'GET /api/wards': { allow: 'signed_in', expect: 200 },
  'POST /api/wards': { allow: rolesWith('manage_wards'), body: {}, expect: 400 },
  'PUT /api/wards/{code}': { allow: rolesWith('manage_wards'), body: {}, expect: 400 },
  'DELETE /api/wards/{code}': { allow: rolesWith('manage_wards'), expect: 404 },
  'POST /api/wards/import': { allow: rolesWith('manage_wards'), body: {}, expect: 400 },
  'PUT /api/screens/{id}/ward': { allow: rolesWith('manage_wards'), body: {}, expect: 400 },
  'GET /api/audit': { allow: rolesWith('read_audit'), expect: 200 },
  'GET /api/audit.csv': { allow: rolesWith('read_audit'), expect: 200 },

  // content and publishing
  'GET /api/content': { allow: 'signed_in', expect: 200 },
  'POST /api/content': { allow: rolesWith('write_content'), body: {}, expect: 400 },
  'GET /api/content/{id}': { allow: 'signed_in', expect: 404, ward: 'content_item' },
  'PUT /api/content/{id}': { allow: rolesWith('write_content'), body: {}, expect: 400, ward: 'content_item' },
  'DELETE /api/content/{id}': { allow: rolesWith('remove_content'), expect: 404, ward: 'content_item' },
  // Approval of city content (routes/approvals.ts). Ward operators may not call these at all
  // (a ward's local content needs no approval), so they carry no `ward` declaration.
  'GET /api/approvals': { allow: rolesWith('read_approvals'), expect: 200 },
  'POST /api/content/{id}/submit': { allow: rolesWith('submit'), expect: 404 },
  'POST /api/content/{id}/approve': { allow: rolesWith('approve'), body: {}, expect: 400 },
  'POST /api/content/{id}/reject': { allow: rolesWith('approve'), body: {}, expect: 400 },
  'POST /api/content/{id}/archive': { allow: rolesWith('archive'), expect: 404 },
  'POST /api/content/{id}/unarchive': { allow: rolesWith('archive'), expect: 404 },
  'GET /api/playlists': { allow: 'signed_in', expect: 200 },
  'GET /api/playlists/{id}': { allow: 'signed_in', expect: 404, ward: 'playlist' },
  'PUT /api/playlists/{id}': { allow: rolesWith('write_content'), body: {}, expect: 400, ward: 'playlist' },
  'POST /api/playlists': { allow: rolesWith('write_content'), body: {}, expect: 400 },
  'POST /api/playlists/{id}/copy': { allow: rolesWith('write_content'), body: {}, expect: 400, ward: 'playlist' },
  'DELETE /api/playlists/{id}': { allow: rolesWith('write_content'), expect: 404, ward: 'playlist' },
  'GET /api/publish': { allow: 'signed_in', expect: 200 },
  // Nothing is pending in the matrix's app, so an allowed publish changes nothing.
  'POST /api/publish': { allow: rolesWith('publish'), expect: 409 },
  'GET /api/revisions': { allow: 'signed_in', expect: 200 },
  'POST /api/revisions/{number}/restore': { allow: rolesWith('restore'), params: { number: '1' }, expect: 409 },
  // A revision is the whole city's; a ward operator's diff leaves out every object not its
  // ward's (revision-diff.ts), so the number itself is bound to no ward.
  'GET /api/revisions/{number}/diff': { allow: 'signed_in', params: { number: '999999' }, expect: 404, ward: 'none' },
  // Asked before a restore, by those who may restore; like the diff, bound to no ward.
  'GET /api/revisions/{number}/restore-preview': { allow: rolesWith('restore'), params: { number: '999999' }, expect: 404, ward: 'none' },

  // the media library (ward operators upload and delete for their local content)
  'GET /api/media': { allow: 'signed_in', expect: 200 },
  // No body and no Content-Type: an allowed caller is told to send application/octet-stream.
  'POST /api/media': { allow: rolesWith('upload_media'), expect: 415 },
  // One library for the city and every ward (its files are public anyway); a ward operator
  // deletes only media uploaded for its own ward (403 forbidden otherwise, routes/media.ts).
  'GET /api/media/{id}': { allow: 'signed_in', params: { id: NO_MEDIA }, expect: 404, ward: 'none' },
  'DELETE /api/media/{id}': { allow: rolesWith('upload_media'), params: { id: NO_MEDIA }, expect: 404, ward: 'none' },

  // schedules and the timeline
  'GET /api/schedules': { allow: 'signed_in', expect: 200 },
  'POST /api/schedules': { allow: rolesWith('schedule'), body: {}, expect: 400 },
  'GET /api/schedules/{id}': { allow: 'signed_in', expect: 404, ward: 'schedule' },
  'PUT /api/schedules/{id}': { allow: rolesWith('schedule'), body: {}, expect: 400, ward: 'schedule' },
  'DELETE /api/schedules/{id}': { allow: rolesWith('schedule'), expect: 404, ward: 'schedule' },
  'PUT /api/ward-share': { allow: rolesWith('set_ward_share'), body: {}, expect: 400 },
  'GET /api/timeline': { allow: 'signed_in', expect: 400, ward: 'screen', wardQuery: { screenId: '{id}', date: '2026-11-26' } },
  'GET /api/timeline/at': { allow: 'signed_in', expect: 400, ward: 'screen', wardQuery: { screenId: '{id}', at: '2026-11-26T18:30:00+07:00' } },
  'GET /api/emergencies': { allow: 'signed_in', expect: 200 },
  'POST /api/emergencies': { allow: rolesWith('send_emergency'), body: {}, expect: 400 },
  'DELETE /api/emergencies/{id}': { allow: rolesWith('send_emergency'), expect: 404 },

  // CAP alerts (issue 17). A probe without a body is told to send CAP's XML; a screen's token
  // as a bearer is no CAP key (401). Keys and the feed are admins' (manage_cap_sources).
  'POST /api/cap': { allow: rolesWith('cap_ingest'), expect: 415 },
  'GET /api/cap/alerts': { allow: rolesWith('cap_ingest'), expect: 200 },
  'GET /api/cap/keys': { allow: rolesWith('manage_cap_sources'), expect: 200 },
  'POST /api/cap/keys': { allow: rolesWith('manage_cap_sources'), body: {}, expect: 400 },
  'DELETE /api/cap/keys/{id}': { allow: rolesWith('manage_cap_sources'), expect: 404 },
  'GET /api/cap/feed': { allow: rolesWith('manage_cap_sources'), expect: 200 },
  'PUT /api/cap/feed': { allow: rolesWith('manage_cap_sources'), body: {}, expect: 400 },

  // schedules as iCalendar (issue 17): a ward operator's is its own ward's; another ward's
  // screen answers as a missing one. Everyone has a secret feed of their own.
  'GET /api/calendar.ics': { allow: 'signed_in', expect: 200, ward: 'screen', wardQuery: { screen: '{id}' } },
  'GET /api/calendar/feed': { allow: 'signed_in', expect: 200 },
  // Before the POST row: no one has a feed yet, so the probe revokes nothing.
  'DELETE /api/calendar/feed': { allow: 'signed_in', expect: 404 },
  'POST /api/calendar/feed': { allow: 'signed_in', expect: 201 },

  // web portals (issue 17)
  'GET /api/embed': { allow: 'signed_in', expect: 200 },
  'GET /api/reports/portal-views': { allow: 'signed_in', expect: 400 },

  // screens and pairing
  'GET /api/screens': { allow: 'signed_in', expect: 200 },
  'PUT /api/screens/{id}/layout': { allow: rolesWith('manage_screens'), body: {}, expect: 400 },
  'PUT /api/screens/{id}/fallback': { allow: rolesWith('set_screen_fallback'), body: {}, expect: 400, ward: 'screen' },
  'PUT /api/screens/{id}/details': { allow: rolesWith('edit_screen_details'), body: {}, expect: 400, ward: 'screen' },
  'PUT /api/screens/{id}/hours': { allow: rolesWith('set_screen_hours'), body: {}, expect: 400, ward: 'screen' },
  'GET /api/screens/events': { allow: 'signed_in', expect: 200 },
  'POST /api/screens/{id}/commands': { allow: rolesWith('manage_screens'), body: {}, expect: 400 },
  'POST /api/screens/{id}/token': { allow: rolesWith('manage_screens'), expect: 404 },
  'DELETE /api/screens/{id}/token': { allow: rolesWith('manage_screens'), expect: 404 },
  // Admins only (playlists/permissions.ts says why): a ward operator gets 403 even for its own ward's screen.
  'DELETE /api/screens/{id}': { allow: rolesWith('retire_screens'), expect: 404 },
  'POST /api/screens': { allow: rolesWith('manage_screens'), body: {}, expect: 400 },
  'POST /api/pairing': { allow: 'public', body: {}, expect: 400 },
  'POST /api/pairing/claim': { allow: rolesWith('manage_screens'), body: {}, expect: 400 },
  'GET /api/pairing/{pairingId}': { allow: 'public', expect: 400, ward: 'none' },

  // reports (issue 14): a screen filter naming another ward's screen answers as a missing one.
  // Periodic reports are bound to a ward too; their 404s are proven in routes/reports.test.ts.
  'GET /api/reports/summary': { allow: 'signed_in', expect: 400, ward: 'screen', wardQuery: { screens: '{id}', from: '2026-11-01', to: '2026-11-30' } },
  // The path's {table} is not an object (its screen filter's 404s: routes/reports.test.ts).
  'GET /api/reports/csv/{table}': { allow: 'signed_in', params: { table: 'themes' }, expect: 400, ward: 'none' },
  'GET /api/reports/playout': { allow: 'signed_in', expect: 400, ward: 'screen', wardQuery: { screens: '{id}', from: '2026-11-01', to: '2026-11-30' } },
  'GET /api/reports/periodic': { allow: 'signed_in', expect: 200 },
  'POST /api/reports/periodic': { allow: rolesWith('write_reports'), body: {}, expect: 400 },
  'GET /api/reports/periodic/{id}': { allow: 'signed_in', expect: 404, ward: 'none' },
  'PATCH /api/reports/periodic/{id}': { allow: rolesWith('write_reports'), body: {}, expect: 404, ward: 'none' },
  'POST /api/reports/periodic/{id}/final': { allow: rolesWith('write_reports'), expect: 404, ward: 'none' },
  'GET /api/reports/periodic/{id}/csv/{table}': { allow: 'signed_in', params: { id: 'zz_missing', table: 'themes' }, expect: 404, ward: 'none' },

  // documentation
  'GET /api/openapi.json': { allow: 'public', expect: 200 },
  'GET /api/docs': { allow: 'public', expect: 200 },
  'GET /api/docs/init.js': { allow: 'public', expect: 200 },
  'GET /api/docs/{file}': { allow: 'public', params: { file: 'swagger-ui.css' }, expect: 200, ward: 'none' },
};
