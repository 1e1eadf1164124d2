import { patchedManifest } from '../playlists/patching.ts';
import type { Manifest } from '../playlists/player.ts';
import { sha256Hex } from './media-files.ts';

/**
 * The manifest a `patch` frame makes of the one held (playlists/PROTOCOL.md [P5]): applied when
 * it fits and its result hashes to its version; null (the player then asks for the whole
 * manifest) otherwise. Loaded with the first patch: a boot never needs it before content shows.
 */
export async function patchManifest(held: Manifest | null, patch: unknown, subtle: SubtleCrypto | null | undefined): Promise<Manifest | null> {
  let manifest: Manifest | null = null;
  try {
    const sha256 = (text: string) => sha256Hex(new TextEncoder().encode(text).buffer as ArrayBuffer, subtle!);
    manifest = held && subtle ? await patchedManifest(held, patch, sha256) : null;
  } catch (err) {
    console.warn('bangtin: could not check a manifest patch', err);
  }
  if (!manifest) console.warn('bangtin: manifest patch does not fit, asking for the whole manifest');
  return manifest;
}
