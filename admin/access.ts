import { SCHEDULE_TIERS, type Role, type ScheduleTier, type SessionInfo, type SessionWard } from '../playlists/index.ts';

/**
 * Which admin views a role may open; a view not listed here is open to every role. The server
 * enforces the same rules (server/testing/authz-matrix.ts): hiding a view only spares the user
 * a page of refusals.
 */
const VIEW_ROLES: Record<string, readonly Role[]> = {
  users: ['admin'],
  audit: ['admin'],
  /** The approval queue: those who decide (server/routes/approvals.ts). */
  approvals: ['admin', 'approver'],
};

export const mayView = (view: string, role: Role): boolean => VIEW_ROLES[view]?.includes(role) ?? true;

/** Managing wards (import, rename) is for admins; everyone else reads the list. */
export const mayManageWards = (role: Role): boolean => role === 'admin';

/** Registering screens, rotating their tokens, sending them commands and changing their layout. */
export const mayManageScreens = (role: Role): boolean => role === 'admin';

/** Writing schedules: city schedulers, and ward operators for their own ward's local messages. */
export const mayEditSchedules = (role: Role): boolean => role === 'admin' || role === 'approver' || role === 'ward_operator';

/** Sending and cancelling emergencies. */
export const maySendEmergency = (role: Role): boolean => role === 'admin' || role === 'approver';

/**
 * Whether the emergency panel shows at all: a ward operator neither sends nor follows city
 * emergencies (its list is the city's business), so the panel would only be noise.
 */
export const mayFollowEmergencies = (role: Role): boolean => role !== 'ward_operator';

/** Submitting city content for approval: its writers (an admin's own saves are approved at once). */
export const maySubmit = (role: Role): boolean => role === 'admin' || role === 'editor';

/** Approving or rejecting submitted city content. */
export const mayReview = (role: Role): boolean => role === 'admin' || role === 'approver';

/** Archiving city content (off screens at the next publish) and taking it back out. */
export const mayArchive = (role: Role): boolean => role === 'admin' || role === 'editor' || role === 'approver';

/** Publishing an earlier revision again (rollback): city publishers only. */
export const mayRestore = (role: Role): boolean => role === 'admin' || role === 'approver';

/** Publishing drafts: city publishers, and a ward operator for its own ward's rows. */
export const mayPublish = (role: Role): boolean => role === 'admin' || role === 'approver' || role === 'ward_operator';

/**
 * The tiers a role may give a schedule: a ward's local messages are normal tier only (issue 4),
 * so a ward operator is never offered priority or emergency.
 */
export const scheduleTiersFor = (role: Role): readonly ScheduleTier[] => (role === 'ward_operator' ? ['normal'] : SCHEDULE_TIERS);

/** The ward a signed-in user works for, or null for the city's roles. */
export const wardOf = (session: Pick<SessionInfo, 'user'>): SessionWard | null =>
  session.user.role === 'ward_operator' ? session.user.ward : null;
