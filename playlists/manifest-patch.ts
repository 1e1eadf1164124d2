import './zod-config.ts';
import * as z from 'zod/mini';
import { PublishedItem } from './content.ts';
import { MediaInfo } from './media.ts';
import { Playlist } from './playlist.ts';
import { Schedule, WardShare } from './schedule.ts';
import { Instant } from './time.ts';

/**
 * A manifest patch (PROTOCOL.md [P4]): what turns the manifest of version `base` into the one
 * of version `version`. Each list of the manifest (items, playlists, schedules, media) is keyed
 * by id: `put` replaces an entry of the same id where it stands, or adds it at the end; `drop`
 * removes entries; `order` (only when put and drop do not already give it) is the whole list's
 * order. The other fields are replaced whole when present; `wardShare: null` removes it. The
 * result is checked against `version`, the content hash (patching.ts: made, applied, checked).
 */
const ManifestVersion = /* @__PURE__ */ z.string().check(z.regex(/^[0-9a-f]{16,64}$/));
const EntryId = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(64));
const Revision = /* @__PURE__ */ z.int().check(z.minimum(0));

// Every schema here is marked pure (a method call such as `.check()` is not, unmarked), so a
// player that never takes a patch at boot leaves this file out of its boot chunk.
/* @__NO_SIDE_EFFECTS__ */
function listPatch<T extends z.core.$ZodType>(entry: T) {
  return z.strictObject({ put: z.optional(z.array(entry)), drop: z.optional(z.array(EntryId)), order: z.optional(z.array(EntryId)) });
}

export const ManifestPatch = /* @__PURE__ */ z.strictObject({
  base: ManifestVersion,
  version: ManifestVersion,
  revision: z.optional(Revision),
  horizon: z.optional(z.object({ from: Instant, until: Instant })),
  fallback: z.optional(z.object({ playlistId: z.nullable(EntryId) })),
  wardShare: z.optional(z.nullable(WardShare)),
  items: z.optional(listPatch(PublishedItem)),
  playlists: z.optional(listPatch(Playlist)),
  schedules: z.optional(listPatch(Schedule)),
  media: z.optional(listPatch(MediaInfo)),
});
export type ManifestPatch = z.infer<typeof ManifestPatch>;
