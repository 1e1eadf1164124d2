import './zod-config.ts';
import * as z from 'zod/mini';
import { Id, text } from './content.ts';

export const PLAYLIST_MAX_ITEMS = 200;

export const PlaylistFields = /* @__PURE__ */ z.strictObject({
  name: text(120),
  /** Items in play order; an item may appear more than once. */
  itemIds: z.array(Id).check(z.maxLength(PLAYLIST_MAX_ITEMS)),
});
export type PlaylistFields = z.infer<typeof PlaylistFields>;

export const Playlist = /* @__PURE__ */ z.object({ id: Id, ...PlaylistFields.shape });
export type Playlist = z.infer<typeof Playlist>;
