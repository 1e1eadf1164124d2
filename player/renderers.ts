import type { ContentKind, ManifestBody } from '../playlists/player.ts';

/**
 * Each kind's renderer (its custom element) is a chunk of its own, fetched when a manifest uses
 * the kind, so a screen downloads only the renderers it plays (DESIGN.md "Budgets"). The service
 * worker precaches every chunk all the same (scripts/precache-plugin.ts), so they load offline.
 */
const loaders: Record<ContentKind | 'emergency', () => Promise<unknown>> = {
  // `<bt-slogan-picture>` (a slogan with a picture) imports `<bt-slogan>`: one chunk for both.
  slogan: () => import('./components/slogan-picture.ts'),
  countdown: () => import('./components/countdown.ts'),
  notice: () => import('./components/policy-notice.ts'),
  clock: () => import('./components/clock.ts'),
  story: () => import('./components/story.ts'),
  image: () => import('./components/image.ts'),
  video: () => import('./components/video.ts'),
  ticker: () => import('./components/ticker.ts'),
  // The emergency look (a frame and band round any kind's renderer), for manifests that carry one.
  emergency: () => import('./components/emergency.ts'),
};

const loading = new Map<string, Promise<unknown>>();

/** Loads the renderer of `kind` once; a failed load is retried on the next call. */
export function loadRenderer(kind: ContentKind | 'emergency'): Promise<unknown> {
  let load = loading.get(kind);
  if (!load) {
    load = loaders[kind]().catch((error: unknown) => {
      loading.delete(kind);
      throw error;
    });
    loading.set(kind, load);
  }
  return load;
}

/**
 * Loads the renderers of every kind among a manifest's items, and the emergency look when it
 * schedules an emergency, so each is defined before its slot starts. A slogan in the ticker
 * strip is drawn by the ticker renderer, which slogan's chunk imports.
 */
export async function loadRenderers(manifest: Pick<ManifestBody, 'items' | 'schedules'> | null): Promise<void> {
  const kinds = new Set<ContentKind | 'emergency'>(manifest?.items.map((i) => i.kind));
  if (manifest?.schedules.some((s) => s.tier === 'emergency')) kinds.add('emergency');
  await Promise.all([...kinds].map(loadRenderer));
}
