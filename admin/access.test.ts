import { describe, expect, it } from 'vitest';
import type { Role } from '../playlists/index.ts';
import {
  mayEditSchedules,
  mayFollowEmergencies,
  mayManageScreens,
  mayManageWards,
  mayPublish,
  mayRestore,
  maySendEmergency,
  maySetScreenFallback,
  mayUploadMedia,
  mayView,
  scheduleTiersFor,
  wardOf,
} from './access.ts';

const ROLES: Role[] = ['admin', 'editor', 'approver', 'ward_operator', 'viewer'];
const allowed = (gate: (role: Role) => boolean) => ROLES.filter(gate);

describe('admin access', () => {
  it('opens users and audit to admins only, and every other view to every role', () => {
    expect(allowed((r) => mayView('users', r))).toEqual(['admin']);
    expect(allowed((r) => mayView('audit', r))).toEqual(['admin']);
    for (const view of ['content', 'schedules', 'screens', 'revisions', 'wards']) expect(allowed((r) => mayView(view, r))).toEqual(ROLES);
  });

  it('leaves screen management (register, token, commands, layout) and ward management to admins', () => {
    expect(allowed(mayManageScreens)).toEqual(['admin']);
    expect(allowed(mayManageWards)).toEqual(['admin']);
  });

  it('lets every role but viewers upload media, and admins and ward operators set a screen fallback', () => {
    expect(allowed(mayUploadMedia)).toEqual(['admin', 'editor', 'approver', 'ward_operator']);
    expect(allowed(maySetScreenFallback)).toEqual(['admin', 'ward_operator']);
  });

  it('lets ward operators schedule and publish their own ward, but never send or follow emergencies', () => {
    expect(allowed(mayEditSchedules)).toEqual(['admin', 'approver', 'ward_operator']);
    expect(allowed(mayPublish)).toEqual(['admin', 'approver', 'ward_operator']);
    expect(allowed(maySendEmergency)).toEqual(['admin', 'approver']);
    expect(allowed(mayRestore)).toEqual(['admin', 'approver']);
    expect(allowed(mayFollowEmergencies)).toEqual(['admin', 'editor', 'approver', 'viewer']);
  });

  it('offers a ward operator the normal tier only, and city schedulers all three', () => {
    expect(scheduleTiersFor('ward_operator')).toEqual(['normal']);
    expect(scheduleTiersFor('approver')).toEqual(['normal', 'priority', 'emergency']);
    expect(scheduleTiersFor('admin')).toEqual(['normal', 'priority', 'emergency']);
  });

  it("gives the ward a ward operator works for, and none to the city's roles", () => {
    const ward = { code: '00004', name: 'Phường Ba Đình' };
    expect(wardOf({ user: { id: 2, username: 'phuong.badinh', role: 'ward_operator', ward } })).toEqual(ward);
    // A city role never works for a ward, even if a stale answer named one.
    expect(wardOf({ user: { id: 1, username: 'admin', role: 'admin', ward } })).toBeNull();
    expect(wardOf({ user: { id: 3, username: 'bien.tap', role: 'editor', ward: null } })).toBeNull();
  });
});
