import './zod-config.ts';
import { z } from 'zod';
import { Id, Instant, MediaInfo } from './classic.ts';

/** The media library as the API carries it (`/api/media`). */

/** One item that shows a medium, in the drafts, on screens now, or both. */
export const MediaUse = z.object({
  itemId: Id,
  kind: z.string(),
  /** The item's main text (slogan, title, name or caption); null when it has none. */
  label: z.string().nullable(),
  draft: z.boolean(),
  published: z.boolean(),
});
export type MediaUse = z.infer<typeof MediaUse>;

export const MediaEntry = MediaInfo.extend({
  /** The uploader's file name (metadata only). */
  name: z.string(),
  createdAt: Instant,
  /** The ward whose operator uploaded it; null for city staff. */
  ownerWard: z.string().nullable(),
  /** The items using it that this user may read (a ward operator: its ward's, and the city's on air). */
  usedBy: z.array(MediaUse),
  /** Further items using it that this user may not read (another ward's, the city's drafts): a count only. */
  otherUses: z.number().int().nonnegative(),
});
export type MediaEntry = z.infer<typeof MediaEntry>;

export const MediaList = z.object({ media: z.array(MediaEntry) });
export type MediaList = z.infer<typeof MediaList>;

/** The header that carries the upload's file name, percent-encoded UTF-8. */
export const FILENAME_HEADER = 'X-Filename';
