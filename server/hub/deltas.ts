import { diffManifest, type Manifest } from '../../playlists/index.ts';
import type { BuiltManifest } from '../publishing/manifests.ts';

/** Manifests kept by version, as bases patches can start from: a few generations of every audience. */
const MANIFESTS_KEPT = 512;
/** Patch frames kept, by (base, version). */
const FRAMES_KEPT = 1_024;

/**
 * Manifest patches (playlists/PROTOCOL.md [P4]): the frame that takes a screen from the version
 * it acknowledged to its audience's current one — a `patch` when that is smaller than the whole
 * `manifest`. Each (base, version) is diffed and serialised once, and every screen that goes from
 * the one to the other gets the same bytes.
 */
export class Deltas {
  readonly #manifests = new Map<string, Manifest>();
  /** `base>version` → the patch frame, or null where the whole manifest is the smaller frame. */
  readonly #frames = new Map<string, Buffer | null>();

  /** Keeps `built` as a base for later patches. */
  remember(built: BuiltManifest): void {
    if (this.#manifests.has(built.version)) return;
    if (this.#manifests.size >= MANIFESTS_KEPT) this.#manifests.delete(this.#manifests.keys().next().value!);
    this.#manifests.set(built.version, built.manifest);
  }

  /** The last answer of `frame`: a push asks the same question for every screen of an audience. */
  #last: { base: string; built: BuiltManifest; frame: Buffer } | null = null;

  /** The frame for a screen that holds `base` and should get `built`. */
  frame(base: string, built: BuiltManifest): Buffer {
    const last = this.#last;
    if (last?.base === base && last.built === built) return last.frame;
    const frame = this.#frame(base, built);
    this.#last = { base, built, frame };
    return frame;
  }

  #frame(base: string, built: BuiltManifest): Buffer {
    this.remember(built);
    const key = `${base}>${built.version}`;
    let patch = this.#frames.get(key);
    if (patch === undefined) {
      patch = this.#patchFrame(base, built);
      if (this.#frames.size >= FRAMES_KEPT) this.#frames.clear();
      this.#frames.set(key, patch);
    }
    return patch ?? built.frame;
  }

  #patchFrame(base: string, built: BuiltManifest): Buffer | null {
    const from = this.#manifests.get(base);
    const patch = from && base !== built.version ? diffManifest(from, built.manifest) : null;
    if (!patch) return null;
    const frame = Buffer.from(JSON.stringify({ type: 'patch', patch }));
    return frame.length < built.frame.length ? frame : null;
  }
}
