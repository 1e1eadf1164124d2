import { resolve, type ManifestBody } from '../playlists/player.ts';

/**
 * Whether `manifest` has an emergency on screen at `at` (SCHEDULE.md [S1]). Such a manifest
 * goes on air before its media are cached: the emergency's text needs no download, and its
 * picture shows as soon as it has loaded (components/slogan-picture.ts), never waited for.
 */
export function emergencyNow(manifest: ManifestBody, at: number): boolean {
  return manifest.schedules.some((s) => s.tier === 'emergency') && resolve(manifest, at).main.reason.tier === 'emergency';
}

