import './zod-config.ts';
import { z } from 'zod';
import { Id, Instant, Playlist, PublishedItem, Schedule } from './classic.ts';

const change = <K extends string, T extends z.ZodType>(kind: K, value: T) =>
  z.object({ kind: z.literal(kind), id: Id, before: value.nullable(), after: value.nullable() });

/**
 * One object a revision added (`before` null), changed, or removed (`after` null), as the
 * previous revision and this one published it. `defaultPlaylist` is the city's fallback
 * playlist setting (its id is always `defaultPlaylist`; before/after are playlist ids).
 */
export const RevisionChange = z.discriminatedUnion('kind', [
  change('item', PublishedItem),
  change('playlist', Playlist),
  change('schedule', Schedule),
  z.object({ kind: z.literal('defaultPlaylist'), id: z.literal('defaultPlaylist'), before: Id.nullable(), after: Id.nullable() }),
]);
export type RevisionChange = z.infer<typeof RevisionChange>;

/** `GET /api/revisions/{number}/diff`: what a revision changed against the one before it (0: nothing was published). */
export const RevisionDiff = z.object({
  revision: z.int().min(1),
  previous: z.int().min(0),
  publishedAt: Instant,
  publishedBy: z.string(),
  changes: z.array(RevisionChange),
});
export type RevisionDiff = z.infer<typeof RevisionDiff>;

/** `GET /api/revisions/{number}/restore-preview`: what restoring that revision now would change on air. */
export const RestorePreview = z.object({
  /** The revision that would be restored. */
  restoring: z.int().min(1),
  /** The latest revision, what screens have now. */
  current: z.int().min(0),
  changes: z.array(RevisionChange),
});
export type RestorePreview = z.infer<typeof RestorePreview>;
