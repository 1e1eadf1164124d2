import { describe, expect, it } from 'vitest';
import { Role } from './api.ts';
import { RIGHTS, ROLE_RIGHTS, may, rolesWith, type Right } from './permissions.ts';

/**
 * Who may do what, right by right, as the routes' own role lists said before the table existed
 * (PUBLISHERS, WRITERS, SENDERS, UPLOADERS… in server/routes, CITY_WRITERS and TAKE_DOWN in
 * server/auth/ward-scope.ts) and admin/access.ts. A change here is a change of who may do what.
 */
const EXPECTED: Record<Right, Role[]> = {
  publish: ['admin', 'approver', 'ward_operator'],
  restore: ['admin', 'approver'],
  send_emergency: ['admin', 'approver'],
  follow_emergencies: ['admin', 'editor', 'approver', 'viewer'],
  cap_ingest: ['admin', 'approver'],
  manage_cap_sources: ['admin'],
  write_content: ['admin', 'editor', 'ward_operator'],
  write_city_content: ['admin', 'editor'],
  write_any_ward_content: ['admin'],
  remove_content: ['admin', 'editor', 'approver', 'ward_operator'],
  take_down_ward_content: ['admin', 'approver'],
  submit: ['admin', 'editor'],
  approve: ['admin', 'approver'],
  approve_own_saves: ['admin'],
  archive: ['admin', 'editor', 'approver'],
  read_approvals: ['admin', 'editor', 'approver', 'viewer'],
  upload_media: ['admin', 'editor', 'approver', 'ward_operator'],
  schedule: ['admin', 'approver', 'ward_operator'],
  schedule_city: ['admin', 'approver'],
  set_ward_share: ['admin'],
  manage_screens: ['admin'],
  set_screen_hours: ['admin', 'ward_operator'],
  write_reports: ['admin', 'approver', 'ward_operator'],
  set_screen_fallback: ['admin', 'ward_operator'],
  edit_screen_details: ['admin', 'ward_operator'],
  retire_screens: ['admin'],
  manage_users: ['admin'],
  manage_wards: ['admin'],
  read_audit: ['admin'],
};

describe('the permissions table', () => {
  it('gives each right to the roles that had it', () => {
    expect(Object.fromEntries(RIGHTS.map((right) => [right, rolesWith(right)]))).toEqual(EXPECTED);
  });

  it('lists every role, and only rights it knows', () => {
    expect(Object.keys(ROLE_RIGHTS).sort()).toEqual([...Role.options].sort());
    for (const rights of Object.values(ROLE_RIGHTS)) for (const right of rights) expect(RIGHTS).toContain(right);
  });

  it('answers may() from the same table', () => {
    expect(may('ward_operator', 'publish')).toBe(true);
    expect(may('ward_operator', 'restore')).toBe(false);
    expect(may('viewer', 'write_content')).toBe(false);
    expect(RIGHTS.every((right) => may('admin', right))).toBe(true);
  });
});
