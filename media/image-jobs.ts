import { createHash } from 'node:crypto';
import type { MediaType } from '../playlists/index.ts';
import { makeDerivatives, probeImage, type Picture } from './images.ts';
import { stripFile } from './strip-metadata.ts';

/**
 * The picture work of an upload, as the image worker runs it (image-child.ts): everything that
 * walks or decodes the pixels, so none of it runs on the server's event loop or in its memory.
 */
export type ImageJob =
  /** Removes the metadata of the file at `path` in place; answers the stored bytes' hash and size. */
  | { kind: 'strip'; path: string; type: MediaType }
  /** Measures the picture (refusing one over the pixel limit) and makes its WebP copies. */
  | { kind: 'derive'; path: string };

export interface StripResult {
  sha256: string;
  bytes: number;
}

export interface DeriveResult {
  width: number;
  height: number;
  /** The WebP copies, each with its hash (hashed here too: megabytes are not hashed on the event loop). */
  derivatives: (Picture & { sha256: string })[];
}

export type ImageJobResult<J extends ImageJob> = J extends { kind: 'strip' } ? StripResult : DeriveResult;

export async function runImageJob(job: ImageJob): Promise<StripResult | DeriveResult> {
  if (job.kind === 'strip') return stripFile(job.path, job.type);
  const size = await probeImage(job.path);
  const copies = await makeDerivatives(job.path, size.width);
  return { ...size, derivatives: copies.map((d) => ({ ...d, sha256: createHash('sha256').update(d.bytes).digest('hex') })) };
}
