import { readFileSync } from 'node:fs';
import type { MediaId } from '../../../playlists/index.ts';
import type { MediaLibrary } from '../../../media/index.ts';
import { demoPictures } from './pictures.ts';

/** The demo's media, once in the library. */
export interface DemoMedia {
  storyPhoto: MediaId;
  cityImage: MediaId;
  clip: MediaId;
}

/** 7 s of animated shapes, VP9, made once by scripts/make-demo-clip.mjs. */
export const DEMO_CLIP_FILE = new URL('./demo-clip.webm', import.meta.url);

let clip: Buffer | null = null;

/**
 * Puts the demo pictures (drawn now) and the shipped clip into the library, through the same
 * ingest as an upload (probing, derivatives, deduplication), and answers their ids.
 */
export async function seedDemoMedia(library: MediaLibrary, now: number): Promise<DemoMedia> {
  const pictures = await demoPictures();
  clip ??= readFileSync(DEMO_CLIP_FILE);
  const add = async (bytes: Uint8Array, name: string) =>
    (await library.ingestBytes(bytes, { name, ownerWard: null, uploadedBy: null, now })).record.info.id;
  return {
    storyPhoto: await add(pictures.storyPhoto, 'guong-dien-hinh-ky-thuat-vien-dien.jpg'),
    cityImage: await add(pictures.cityImage, 'thu-do-vung-buoc-cung-nguoi-tho.jpg'),
    clip: await add(clip, 'bang-tin-nghe-nghiep-demo.webm'),
  };
}
