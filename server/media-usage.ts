import { mediaOf, type ContentFields, type MediaUse } from '../playlists/index.ts';
import type { MediaRepo } from '../media/index.ts';
import { AppError } from './errors.ts';

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

/** Which items use each medium: the drafts and what screens have now (the latest revision). */
export function mediaUsage(drafts: readonly Item[], published: readonly Item[]): Map<string, MediaUse[]> {
  const uses = new Map<string, Map<string, MediaUse>>();
  const note = (item: Item, where: 'draft' | 'published') => {
    for (const id of mediaOf(item)) {
      const byItem = uses.get(id) ?? new Map<string, MediaUse>();
      uses.set(id, byItem);
      const use = byItem.get(item.id) ?? { itemId: item.id, kind: item.kind, label: itemLabel(item), draft: false, published: false };
      use[where] = true;
      byItem.set(item.id, use);
    }
  };
  for (const item of drafts) note(item, 'draft');
  for (const item of published) note(item, 'published');
  return new Map([...uses].map(([id, byItem]) => [id, [...byItem.values()]]));
}

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
