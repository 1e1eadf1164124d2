import type { Role } from '../playlists/index.ts';

/**
 * Which admin views a role may open; a view not listed here is open to every role. The server
 * enforces the same rules (server/routes/authz-matrix.ts): hiding a view only spares the user
 * a page of refusals.
 */
const VIEW_ROLES: Record<string, readonly Role[]> = {
  users: ['admin'],
  audit: ['admin'],
};

export const mayView = (view: string, role: Role): boolean => VIEW_ROLES[view]?.includes(role) ?? true;

/** Managing wards (import, rename) is for admins; everyone else reads the list. */
export const mayManageWards = (role: Role): boolean => role === 'admin';
