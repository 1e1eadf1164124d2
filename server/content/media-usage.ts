import { mediaOf, type ContentFields, type MediaUse } from '../../playlists/index.ts';
import type { MediaRepo } from '../../media/index.ts';
import type { WardScope } from '../auth/ward-scope.ts';
import { AppError } from '../errors.ts';

type Item = ContentFields & { id: string };

/** An item's main text, whatever its kind: what an operator recognises it by. */
export function itemLabel(item: ContentFields): string | null {
  const fields = item as Record<string, unknown>;
  for (const key of ['text', 'title', 'name', 'caption']) {
    const value = fields[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** What one item shows of a medium: its draft, its published version, or both. */
interface ItemUse {
  itemId: string;
  /** The owning ward; null for the city's. */
  ward: string | null;
  draft: { kind: string; label: string | null } | null;
  published: { kind: string; label: string | null } | null;
}

/** A medium's uses as one viewer may see them: the items it could open itself, and a count of the rest. */
export interface ScopedUses {
  usedBy: MediaUse[];
  otherUses: number;
}

/**
 * Which items use each medium: the drafts and what screens have now (the latest revision).
 * `all` answers every use (the delete check, city staff); `scoped` answers what a viewer may
 * read. A ward operator reads its own ward's items, draft or published, and the city's as
 * published (approved and on air, so already public); another ward's items and the city's
 * drafts are only counted, since their text is not theirs to see (issue 11).
 */
export class MediaUsage {
  readonly #byMedium = new Map<string, Map<string, ItemUse>>();

  constructor(drafts: readonly { item: Item; ownerWard: string | null }[], published: readonly Item[], publishedOwners: Readonly<Record<string, string>> = {}) {
    const note = (item: Item, ward: string | null, where: 'draft' | 'published') => {
      for (const id of mediaOf(item)) {
        const byItem = this.#byMedium.get(id) ?? new Map<string, ItemUse>();
        this.#byMedium.set(id, byItem);
        const use = byItem.get(item.id) ?? { itemId: item.id, ward, draft: null, published: null };
        use[where] = { kind: item.kind, label: itemLabel(item) };
        byItem.set(item.id, use);
      }
    };
    for (const { item, ownerWard } of drafts) note(item, ownerWard, 'draft');
    const draftWard = new Map(drafts.map((d) => [d.item.id, d.ownerWard]));
    for (const item of published) note(item, publishedOwners[item.id] ?? draftWard.get(item.id) ?? null, 'published');
  }

  /** Every use of a medium; the draft's kind and label first, as the editor shows them. */
  all(mediaId: string): MediaUse[] {
    return [...(this.#byMedium.get(mediaId)?.values() ?? [])].map((u) => full(u));
  }

  /** The uses `scope` may read, and how many others there are. */
  scoped(mediaId: string, scope: WardScope): ScopedUses {
    if (scope.isCity) return { usedBy: this.all(mediaId), otherUses: 0 };
    const usedBy: MediaUse[] = [];
    let otherUses = 0;
    for (const use of this.#byMedium.get(mediaId)?.values() ?? []) {
      if (use.ward === scope.ward) usedBy.push(full(use));
      else if (use.ward === null && use.published) usedBy.push({ itemId: use.itemId, ...use.published, draft: false, published: true });
      else otherUses += 1;
    }
    return { usedBy, otherUses };
  }
}

const full = (u: ItemUse): MediaUse => ({ itemId: u.itemId, ...(u.draft ?? u.published)!, draft: u.draft !== null, published: u.published !== null });

/** The kind of medium each reference needs. */
function references(fields: ContentFields): { path: string; id: string; kind: 'image' | 'video' }[] {
  if (fields.kind === 'image') return [{ path: 'media', id: fields.media, kind: 'image' }];
  if (fields.kind === 'video') return [{ path: 'media', id: fields.media, kind: 'video' }];
  if (fields.kind === 'story' && fields.photo) return [{ path: 'photo', id: fields.photo, kind: 'image' }];
  if (fields.kind === 'slogan' && fields.image) return [{ path: 'image', id: fields.image, kind: 'image' }];
  return [];
}

/**
 * An item may only refer to media the library has, of the right kind (an image item or a
 * story's photo needs an image, a video item a video): 422 otherwise, before anything is written.
 */
export function checkMediaRefs(fields: ContentFields, media: Pick<MediaRepo, 'get'>): void {
  for (const ref of references(fields)) {
    const found = media.get(ref.id);
    if (!found) {
      throw new AppError(422, 'unknown_media', 'The item refers to a medium the library does not have', [
        { path: ref.path, message: `no medium ${ref.id}` },
      ]);
    }
    if (found.info.kind !== ref.kind) {
      throw new AppError(422, 'wrong_media_kind', `The item needs ${ref.kind === 'image' ? 'an image' : 'a video'} here`, [
        { path: ref.path, message: `medium ${ref.id} is ${found.info.kind === 'image' ? 'an image' : 'a video'}` },
      ]);
    }
  }
}
