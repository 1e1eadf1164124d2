import './zod-config.ts';
import { z } from 'zod';
import { ContentItem, Id, Instant, LocationKind, Playlist, ScreenSettings, text, WardCode } from './classic.ts';
import { FleetFields, FleetSettings } from './fleet.ts';
import { ReviewInfo } from './review.ts';

/** Every error under /api. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export const SignIn = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX),
});

export const Role = z.enum(['admin', 'editor', 'approver', 'ward_operator', 'viewer']);
export type Role = z.infer<typeof Role>;

/** The ward a ward operator works for; null for city roles. */
export const SessionWard = z.object({ code: WardCode, name: z.string() });
export type SessionWard = z.infer<typeof SessionWard>;
export const SessionInfo = z.object({
  user: z.object({ id: z.int(), username: z.string(), role: Role, ward: SessionWard.nullable() }),
  mustChangePassword: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
export const SessionState = z.object({ session: SessionInfo.nullable() });

export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});

/** Whether a draft differs from what screens have. */
export const DraftState = z.enum(['published', 'new', 'changed']);

/**
 * `ownerWard`: the ward whose local content it is (its operators edit it); null for the city's.
 * `review`: where a city item stands in approval (review.ts); null for ward-local content.
 */
export const ContentEntry = z.object({
  item: ContentItem, state: DraftState, updatedAt: Instant, ownerWard: WardCode.nullable(), review: ReviewInfo.nullable(),
});
export type ContentEntry = z.infer<typeof ContentEntry>;
export const ContentList = z.object({ items: z.array(ContentEntry) });

export const PlaylistEntry = z.object({ playlist: Playlist, state: DraftState, updatedAt: Instant, ownerWard: WardCode.nullable() });
export type PlaylistEntry = z.infer<typeof PlaylistEntry>;
export const PlaylistList = z.object({ playlists: z.array(PlaylistEntry) });

const Changes = z.object({ added: z.array(Id), changed: z.array(Id), removed: z.array(Id) });
export const ChangeSummary = z.object({ items: Changes, playlists: Changes, schedules: Changes });
export type ChangeSummary = z.infer<typeof ChangeSummary>;

export const Revision = z.object({
  number: z.int().min(1),
  publishedAt: Instant,
  publishedBy: z.string(),
  summary: ChangeSummary,
});
export type Revision = z.infer<typeof Revision>;
/** Most revisions one page of `GET /api/revisions` lists (and its default). */
export const REVISION_PAGE_MAX = 100;
/** `GET /api/revisions?before=&limit=`: newest first, from revision number `before` (exclusive). */
export const RevisionPageQuery = z.object({
  before: z.string().regex(/^[1-9]\d{0,8}$/, 'expected a revision number').transform(Number).optional(),
  limit: z.string().regex(/^\d{1,3}$/, `expected 1 to ${REVISION_PAGE_MAX}`).transform(Number)
    .pipe(z.int().min(1).max(REVISION_PAGE_MAX)).optional(),
});
/** One page of revisions; `nextCursor`: pass it as `before` for older ones (null: this page has the first). */
export const RevisionPage = z.object({ revisions: z.array(Revision), nextCursor: z.int().min(1).nullable() });
export type RevisionPage = z.infer<typeof RevisionPage>;

/** `awaitingApproval`: city items submitted and not yet approved (they are not in `summary`). */
export const Pending = z.object({
  revision: z.int().min(0), pending: z.boolean(), summary: ChangeSummary, awaitingApproval: z.int().min(0),
});
export type Pending = z.infer<typeof Pending>;

export const PublishResult = z.object({ revision: z.int().min(1), summary: ChangeSummary });
export type PublishResult = z.infer<typeof PublishResult>;

export const ScreenStatus = ScreenSettings.extend({
  /** The ward the screen is linked to by code (`ward` stays the label it shows). */
  wardCode: WardCode.nullable(),
  /** Its own fallback playlist (`PUT /api/screens/{id}/fallback`); null: the city default. */
  fallbackPlaylistId: Id.nullable().default(null),
  connected: z.boolean(),
  lastSeenAt: Instant.nullable(),
  /** The manifest version the screen acknowledged last. */
  manifestVersion: z.string().nullable(),
  /** The version its audience should run now; equal to manifestVersion when current. */
  expectedVersion: z.string().nullable(),
  playerVersion: z.string().nullable(),
  viewport: z.object({ width: z.int(), height: z.int() }).nullable(),
  ...FleetFields,
});
export type ScreenStatus = z.infer<typeof ScreenStatus>;

/** Most screens one page of `GET /api/screens` lists, and how many when `limit` is left out. */
export const SCREEN_PAGE_MAX = 500;
export const SCREEN_PAGE_DEFAULT = 100;
/** The fleet list's state filter: a screen state, or a condition across states. */
export const ScreenStateFilter = z.enum(['all', 'online', 'offline', 'never', 'alert', 'behind', 'no_offline_cache']);
export type ScreenStateFilter = z.infer<typeof ScreenStateFilter>;
/**
 * `GET /api/screens?offset=&limit=&q=&ward=&kind=&status=`: one page of the fleet, alerts first
 * (longest first), then offline, then by name. `q`: part of the name, any case; `ward`: the
 * ward label as listed; `kind`: the location kind.
 */
export const ScreenPageQuery = z.object({
  offset: z.string().regex(/^\d{1,7}$/, 'expected a whole number').transform(Number).optional(),
  limit: z.string().regex(/^\d{1,3}$/, `expected 1 to ${SCREEN_PAGE_MAX}`).transform(Number)
    .pipe(z.int().min(1).max(SCREEN_PAGE_MAX)).optional(),
  q: z.string().max(120).optional(),
  ward: z.string().max(120).optional(),
  kind: LocationKind.optional(),
  status: ScreenStateFilter.optional(),
});
export type ScreenPageQuery = z.infer<typeof ScreenPageQuery>;
/**
 * Every screen the user sees, counted by what the dashboard shows, whatever the filters:
 * `closed` is offline outside its operating hours (expected, so not in `offline`).
 */
export const FleetCounts = z.object({
  all: z.int(), online: z.int(), offline: z.int(), never: z.int(), closed: z.int(), alerts: z.int(), behind: z.int(),
});
export type FleetCounts = z.infer<typeof FleetCounts>;
/**
 * One page of screens: `total` match the filters; `counts` and `wards` (the ward labels in use)
 * cover every screen the user sees; `alerted`: the longest alerts, at most ALERTS_LISTED.
 */
export const ScreenList = z.object({
  screens: z.array(ScreenStatus),
  total: z.int().min(0),
  offset: z.int().min(0),
  limit: z.int().min(1),
  counts: FleetCounts,
  wards: z.array(z.string()),
  alerted: z.array(z.object({ id: Id, name: z.string(), since: Instant })),
});
export type ScreenList = z.infer<typeof ScreenList>;
export const ALERTS_LISTED = 8;

/**
 * `GET /api/screens/events` (server-sent events): `snapshot` first, then `screens` as they
 * change, and `removed` with the ids of screens that left the fleet (retired).
 */
export const FleetSnapshot = z.object({ screens: z.array(ScreenStatus), settings: FleetSettings });
export const FleetUpdate = z.object({ screens: z.array(ScreenStatus) });
export const FleetRemoved = z.object({ ids: z.array(Id) });
/**
 * `GET /api/screens/events?changes=ids`, for a dashboard that shows one page at a time: the
 * snapshot carries no screens (the page comes from `GET /api/screens`), and changes come as the
 * event `changed` with the ids of the screens that changed.
 */
export const FleetEventsQuery = z.object({ changes: z.enum(['statuses', 'ids']).optional() });
export const FleetChanged = z.object({ ids: z.array(Id) });

export const ScreenCreate = z.strictObject({
  name: text(120),
  ward: text(120).nullable().optional(),
  /** Links the screen to a ward; without `ward`, the ward's name becomes its label. */
  wardCode: WardCode.nullable().optional(),
  locationKind: LocationKind,
  tags: z.array(text(40)).max(20).default([]),
});
/**
 * `PUT /api/screens/{id}/details`: a screen's name, location kind and tags after pairing, as
 * `POST /api/screens` takes them, and optionally its ward, all in one transaction. `wardCode`
 * moves the screen to that ward (null: to none; left out: it stays), and then its label `ward`
 * follows the ward's name unless given; left out without a move, `ward` is kept.
 */
export const ScreenDetailsInput = ScreenCreate.pick({ name: true, ward: true, wardCode: true, locationKind: true, tags: true });
export type ScreenDetailsInput = z.infer<typeof ScreenDetailsInput>;
export const ScreenCreated = z.object({ screen: ScreenSettings, token: z.string(), playerUrl: z.string() });
/** `POST /api/screens/{id}/token`: the new token and its player link, shown only this once. */
export const ScreenTokenIssued = z.object({ screenId: Id, token: z.string(), playerUrl: z.string() });
export type ScreenTokenIssued = z.infer<typeof ScreenTokenIssued>;
