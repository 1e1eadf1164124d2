import { fileTypeFromBuffer } from 'file-type';
import { IMAGE_MAX_BYTES, IMAGE_TYPES, VIDEO_MAX_BYTES, VIDEO_TYPES, type MediaType } from '../playlists/index.ts';

/** Bytes `file-type` needs to recognise every type bangtin accepts. */
export const SNIFF_BYTES = 4100;

export interface Sniffed {
  type: MediaType;
  kind: 'image' | 'video';
  /** The extension files of this type are stored under. */
  ext: string;
  maxBytes: number;
}

export const EXT_OF: Record<MediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

export const TYPE_OF_EXT: Record<string, MediaType> = Object.fromEntries(Object.entries(EXT_OF).map(([type, ext]) => [ext, type as MediaType]));

/** The type the first bytes show, if bangtin takes it; the name and the client's word count for nothing. */
export async function sniff(head: Uint8Array): Promise<Sniffed | null> {
  const found = await fileTypeFromBuffer(head);
  const type = found?.mime as MediaType | undefined;
  if (type && (IMAGE_TYPES as readonly string[]).includes(type)) return { type, kind: 'image', ext: EXT_OF[type], maxBytes: IMAGE_MAX_BYTES };
  if (type && (VIDEO_TYPES as readonly string[]).includes(type)) return { type, kind: 'video', ext: EXT_OF[type], maxBytes: VIDEO_MAX_BYTES };
  return null;
}
