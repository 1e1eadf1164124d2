import { SCHEDULE_TIERS, may, type Right, type Role, type ScheduleTier, type SessionInfo, type SessionWard } from '../playlists/index.ts';

// What the admin page shows each role, read from the permissions table the server's guards read
// (playlists/permissions.ts): hiding a view or a button only spares the user a refusal.

/** The right a view needs; a view not listed here is open to every role. */
const VIEW_RIGHTS: Record<string, Right> = {
  users: 'manage_users',
  audit: 'read_audit',
  /** The approval queue: those who decide. */
  approvals: 'approve',
};

export const mayView = (view: string, role: Role): boolean => {
  const right = VIEW_RIGHTS[view];
  return right === undefined || may(role, right);
};

/** Managing wards (import, rename) is for admins; everyone else reads the list. */
export const mayManageWards = (role: Role): boolean => may(role, 'manage_wards');

/** Registering screens, rotating their tokens, sending them commands and changing their layout. */
export const mayManageScreens = (role: Role): boolean => may(role, 'manage_screens');

/** Retiring a screen (off the air, its token dead, its history kept): admins. */
export const mayRetireScreens = (role: Role): boolean => may(role, 'retire_screens');

/** Writing schedules: city schedulers, and ward operators for their own ward's local messages. */
export const mayEditSchedules = (role: Role): boolean => may(role, 'schedule');

/** Drafting, changing and marking final the periodic reports (a ward operator: its ward's). */
export const mayWriteReports = (role: Role): boolean => may(role, 'write_reports');

/** Sending and cancelling emergencies. */
export const maySendEmergency = (role: Role): boolean => may(role, 'send_emergency');

/**
 * Whether the emergency panel shows at all: a ward operator neither sends nor follows city
 * emergencies (its list is the city's business), so the panel would only be noise.
 */
export const mayFollowEmergencies = (role: Role): boolean => may(role, 'follow_emergencies');

/** Reading the CAP alerts taken in (and posting one): admins and approvers. */
export const mayIngestCap = (role: Role): boolean => may(role, 'cap_ingest');

/** Creating and revoking CAP sources' keys, setting the CAP feed: admins. */
export const mayManageCapSources = (role: Role): boolean => may(role, 'manage_cap_sources');

/** Submitting city content for approval: its writers (an admin's own saves are approved at once). */
export const maySubmit = (role: Role): boolean => may(role, 'submit');

/** Approving or rejecting submitted city content. */
export const mayReview = (role: Role): boolean => may(role, 'approve');

/** Archiving city content (off screens at the next publish) and taking it back out. */
export const mayArchive = (role: Role): boolean => may(role, 'archive');

/** Publishing an earlier revision again (rollback): city publishers only. */
export const mayRestore = (role: Role): boolean => may(role, 'restore');

/** Publishing drafts: city publishers, and a ward operator for its own ward's rows. */
export const mayPublish = (role: Role): boolean => may(role, 'publish');

/** Uploading and deleting media; everyone else browses the library. */
export const mayUploadMedia = (role: Role): boolean => may(role, 'upload_media');

/** Setting a screen's own fallback playlist (admins, and ward operators for their ward's screens). */
export const maySetScreenFallback = (role: Role): boolean => may(role, 'set_screen_fallback');

/**
 * The tiers a role may give a schedule: a ward's local messages are normal tier only (issue 4),
 * so a ward operator is never offered priority or emergency.
 */
export const scheduleTiersFor = (role: Role): readonly ScheduleTier[] => (role === 'ward_operator' ? ['normal'] : SCHEDULE_TIERS);

/** The ward a signed-in user works for, or null for the city's roles. */
export const wardOf = (session: Pick<SessionInfo, 'user'>): SessionWard | null =>
  session.user.role === 'ward_operator' ? session.user.ward : null;
