import type { Role } from './api.ts';

/**
 * What each role may do: the one table the server's route guards (`auth.require(right)`), the
 * admin page's buttons (admin/access.ts) and the authorization matrix test all read. Reading is
 * every signed-in role's and needs no right. A ward operator's rights reach only its own ward's
 * rows (server/auth/ward-scope.ts); the others' reach the whole city.
 */
export const RIGHTS = [
  // Publishing
  'publish', // publish the drafts (a ward operator: its ward's own rows only)
  'restore', // publish an earlier revision again (rollback)
  'send_emergency', // send and cancel emergencies
  'follow_emergencies', // the admin page's emergency panel (a ward's list would be the city's business)
  'cap_ingest', // post CAP 1.2 alerts (POST /api/cap) and read the alerts taken in
  'manage_cap_sources', // create and revoke CAP sources' keys, set the CAP feed a job polls
  // Content and its approval
  'write_content', // create and edit content items and playlists (city or own ward's, by scope)
  'write_city_content', // change the city's content items and playlists
  'write_any_ward_content', // change any ward's local content items and playlists
  'remove_content', // delete content items the user may change, or take down
  'take_down_ward_content', // delete a ward's local content (an approver's take-down)
  'submit', // submit city content for approval
  'approve', // approve or reject a submission (and open the approval view)
  'approve_own_saves', // a city item this role saves is approved at once
  'archive', // archive city content and take it back out
  'read_approvals', // the queue of submissions
  'upload_media', // upload and delete media (a ward operator: its ward's own)
  // Schedules
  'schedule', // create, change and delete schedules (a ward operator: its ward's local messages)
  'schedule_city', // schedule for the city: any tier, any target, any ward's schedule
  'set_ward_share', // the ward share rule
  // Screens
  'manage_screens', // register screens, re-key their tokens, claim pairing codes, set layouts, send commands
  'set_screen_hours', // a screen's operating hours and daily reload
  'set_screen_fallback', // a screen's own fallback playlist
  'edit_screen_details', // rename a screen, change its location kind and tags (a ward operator: its ward's)
  // Retire a screen (DELETE /api/screens/{id}): admins only, not a ward operator, even for its own
  // ward. Retiring undoes a pairing, which only admins do: a ward operator could take a screen off
  // the air but never bring it back. It also takes the screen out of city campaigns and out of
  // the emergencies' reach, which are the city's to decide. A ward asks an admin.
  'retire_screens',
  // Reports
  'write_reports', // draft, change and mark final the periodic reports (a ward operator: its ward's)
  // Accounts
  'manage_users',
  'manage_wards', // import, rename and delete wards; move a screen to a ward
  'read_audit',
] as const;
export type Right = (typeof RIGHTS)[number];

/** Role → rights. The rest of the code asks `may(role, right)` or `rolesWith(right)`, never a role's name. */
export const ROLE_RIGHTS: Readonly<Record<Role, readonly Right[]>> = {
  admin: RIGHTS,
  editor: [
    'follow_emergencies', 'write_content', 'write_city_content', 'remove_content', 'submit', 'archive', 'read_approvals', 'upload_media',
  ],
  // An approver sends and cancels emergencies by hand already, so posting a CAP alert (checked
  // against the standard, ended by its own Cancel) gives no power over screens it lacks; handing
  // machines keys and choosing the feed stays with admins.
  approver: [
    'publish', 'restore', 'send_emergency', 'follow_emergencies', 'cap_ingest', 'remove_content', 'take_down_ward_content', 'approve', 'archive',
    'read_approvals', 'upload_media', 'schedule', 'schedule_city', 'write_reports',
  ],
  ward_operator: [
    'publish', 'write_content', 'remove_content', 'upload_media', 'schedule', 'set_screen_hours', 'set_screen_fallback', 'edit_screen_details', 'write_reports',
  ],
  viewer: ['follow_emergencies', 'read_approvals'],
};

/** Whether `role` has `right`. */
export const may = (role: Role, right: Right): boolean => ROLE_RIGHTS[role].includes(right);

/** The roles that have `right`, in the table's order. */
export const rolesWith = (right: Right): Role[] => (Object.keys(ROLE_RIGHTS) as Role[]).filter((role) => may(role, right));
