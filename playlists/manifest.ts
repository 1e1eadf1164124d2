import './zod-config.ts';
import * as z from 'zod/mini';
import { Id, PublishedItem } from './content.ts';
import { MediaInfo } from './media.ts';
import { Playlist } from './playlist.ts';
import { Schedule, WardShare } from './schedule.ts';
import { Instant } from './time.ts';

export const MANIFEST_FORMAT = 1;

/** A manifest's version: the first this many hex digits of the sha256 of its content (manifest-patch.ts, `manifestContent`). */
export const MANIFEST_VERSION_CHARS = 32;

/**
 * Everything one audience of screens needs to play on its own for days: published items,
 * playlists, schedules and the fallback. `version` is a content hash computed by the server
 * over the rest of the manifest, so equal content means equal version everywhere.
 */
export const ManifestBody = /* @__PURE__ */ z.object({
  format: z.literal(MANIFEST_FORMAT),
  /** The publish revision this manifest was built from. */
  revision: z.int().check(z.minimum(0)),
  /** The manifest is good until `horizon.until`; the server sends a fresh one before then. */
  horizon: z.object({ from: Instant, until: Instant }),
  items: z.array(PublishedItem),
  playlists: z.array(Playlist),
  /** The published schedules whose target includes this audience's screens (SCHEDULE.md). */
  schedules: z._default(z.array(Schedule), []),
  /** The share rule for this audience's ward-owned schedules ([S4]); absent: DEFAULT_WARD_SHARE. */
  wardShare: z.optional(WardShare),
  /** Plays whenever nothing is scheduled: screens never go black. */
  fallback: z.object({ playlistId: z.nullable(Id) }),
  /** Every medium the items refer to (DESIGN.md: the manifest), with the files to fetch. */
  media: z.array(MediaInfo),
});
export type ManifestBody = z.infer<typeof ManifestBody>;

export const Manifest = /* @__PURE__ */ z.extend(ManifestBody, { version: z.string().check(z.regex(/^[0-9a-f]{16,64}$/)) });
export type Manifest = z.infer<typeof Manifest>;

/** The horizon a manifest must cover, in days after the day it is built. */
export const HORIZON_DAYS = 8;
