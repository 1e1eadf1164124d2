import { resolve, type ContentFields, type ContentKind, type ManifestBody, type Zone } from '../playlists/player.ts';

/**
 * Each renderer (its custom element) is a chunk of its own, fetched when a manifest uses it, so
 * a screen downloads only the renderers it plays, and its first content waits only for the
 * ones on screen (DESIGN.md "Budgets"). The service worker precaches every chunk all the same
 * (scripts/precache-plugin.ts), so they load offline.
 */
export type Renderer = ContentKind | 'slogan-picture' | 'emergency';

const loaders: Record<Renderer, () => Promise<unknown>> = {
  slogan: () => import('./components/slogan.ts'),
  // A slogan with a picture (an emergency's): `<bt-slogan-picture>` around `<bt-slogan>`.
  'slogan-picture': () => import('./components/slogan-picture.ts'),
  countdown: () => import('./components/countdown.ts'),
  notice: () => import('./components/policy-notice.ts'),
  clock: () => import('./components/clock.ts'),
  story: () => import('./components/story.ts'),
  image: () => import('./components/image.ts'),
  video: () => import('./components/video.ts'),
  // Also a slogan's in the ticker strip, and one too long to read at its size (slogan.ts).
  ticker: () => import('./components/ticker.ts'),
  // The emergency look (a frame and band round any kind's renderer), for manifests that carry one.
  emergency: () => import('./components/emergency.ts'),
};

/** The renderer that draws `item` in `zone` (render-item.ts picks the same element). */
export function rendererOf(item: ContentFields, zone: Zone = 'main'): Renderer {
  if (item.kind !== 'slogan') return item.kind;
  if (zone === 'ticker') return 'ticker';
  return item.image ? 'slogan-picture' : 'slogan';
}

const loading = new Map<Renderer, Promise<unknown>>();

/** Loads a renderer once; a failed load is retried on the next call. */
export function loadRenderer(renderer: Renderer): Promise<unknown> {
  let load = loading.get(renderer);
  if (!load) {
    load = loaders[renderer]().catch((error: unknown) => {
      loading.delete(renderer);
      throw error;
    });
    loading.set(renderer, load);
  }
  return load;
}

/**
 * Loads every renderer a manifest may need, so each is defined before its slot starts: its
 * items' (a slogan's ticker too: it may play in the strip, or be too long to read), and the
 * emergency look when it schedules an emergency.
 */
export async function loadRenderers(manifest: Pick<ManifestBody, 'items' | 'schedules'> | null): Promise<void> {
  const renderers = new Set<Renderer>(manifest?.items.map((i) => rendererOf(i)));
  if (manifest?.items.some((i) => i.kind === 'slogan')) renderers.add('ticker');
  if (manifest?.schedules.some((s) => s.tier === 'emergency')) renderers.add('emergency');
  await Promise.all([...renderers].map(loadRenderer));
}

/**
 * Loads the renderers of what a manifest plays at `at` — the main zone's item, the ticker
 * strip's, and the emergency look when an emergency is on — so the first content waits for
 * these alone; `loadRenderers` fetches the rest once it shows.
 */
export async function loadRenderersNow(manifest: Parameters<typeof resolve>[0] | null, at: number): Promise<void> {
  if (!manifest) return;
  const { main, ticker } = resolve(manifest, at);
  const renderers = new Set<Renderer>();
  if (main.item) renderers.add(rendererOf(main.item, 'main'));
  if (ticker?.item) renderers.add(rendererOf(ticker.item, 'ticker'));
  if (main.reason.tier === 'emergency') renderers.add('emergency');
  await Promise.all([...renderers].map(loadRenderer));
}
