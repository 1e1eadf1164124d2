import { describe, expect, it } from 'vitest';
import type { Role } from '../playlists/index.ts';
import { mayArchive, mayReview, maySubmit, mayView } from './access.ts';

const ROLES: Role[] = ['admin', 'editor', 'approver', 'ward_operator', 'viewer'];
const allowed = (gate: (role: Role) => boolean) => ROLES.filter(gate);

// The same roles as the approval rows of server/testing/authz-matrix.ts (both read playlists/permissions.ts).
describe('admin access to approval', () => {
  it('lets city writers submit, approvers decide, and all three archive', () => {
    expect(allowed(maySubmit)).toEqual(['admin', 'editor']);
    expect(allowed(mayReview)).toEqual(['admin', 'approver']);
    expect(allowed(mayArchive)).toEqual(['admin', 'editor', 'approver']);
  });

  it('opens the approval queue to those who decide: admins and approvers, never editors', () => {
    expect(allowed((r) => mayView('approvals', r))).toEqual(['admin', 'approver']);
  });
});
