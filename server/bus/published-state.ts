import type { ManifestBuilder } from '../publishing/manifests.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { Published } from './control-bus.ts';

/**
 * The published state as control announces it, read from SQLite through the same manifest
 * builder the embedded hub uses: every screen's audience, and each audience's manifest (built
 * and serialised once). It is also what re-seeds an empty Redis.
 */
export function publishedState(deps: { manifests: ManifestBuilder; screens: Pick<ScreenRepo, 'index'>; revisions: Pick<RevisionRepo, 'latestNumber'> }): Published {
  const audiences: Record<string, string> = {};
  const screens: Record<string, string> = {};
  const frames = new Map<string, Buffer>();
  // One reading of the published state for every screen (ManifestBuilder.audienceOf reads it
  // again each call: three queries per screen, 20,000 times an announce at scale).
  const view = deps.manifests.view();
  // The screens' index: kept between announces while no screen changed, so each one's audience
  // key is remembered (ManifestBuilder caches it per object) rather than worked out again.
  for (const screen of deps.screens.index()) {
    const audience = view.audienceOf(screen);
    screens[screen.id] = audience;
    if (audience in audiences) continue;
    const built = view.forAudience(audience);
    audiences[audience] = built.version;
    frames.set(built.version, built.frame);
  }
  return {
    state: { revision: deps.revisions.latestNumber(), audiences, screens },
    frame: (version) => {
      const frame = frames.get(version);
      if (!frame) throw new Error(`bus: no frame for version ${version}`);
      return frame;
    },
  };
}
