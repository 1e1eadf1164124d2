import type { AudienceKey, AudienceScreen, BuiltManifest, ManifestBuilder, ManifestView } from '../publishing/manifests.ts';
import { Deltas } from './deltas.ts';

/** A connected screen as the fan-out sees it. */
export interface AudienceMember {
  /** Null until the screen said hello. */
  screen: AudienceScreen | null;
  /** The audience it was last put in; null before hello and once it left. */
  audience: AudienceKey | null;
  /** The manifest version last sent to it. */
  sentVersion: string | null;
  /** The manifest version it acknowledged last (or said it holds, in its hello). */
  ackedVersion: string | null;
  /** It takes manifest patches (playlists/PROTOCOL.md [P4]). */
  patches: boolean;
  /** The version last sent whole in answer to `resync` (one answer per version). */
  resyncedVersion: string | null;
}

/** A push looks at the clock once per this many screens (a send takes some 20 µs). */
const CLOCK_EVERY = 32;

/** What one push did (so far: a chunked push goes on after it answers). */
export interface PushResult {
  audiences: number;
  sent: number;
}

/**
 * The fan-out (DESIGN.md, "The manifest"): connected screens grouped by audience, so that each
 * push builds an audience's manifest once, serialises it once and sends the same bytes to every
 * screen of the group that does not have that version yet.
 *
 * A push goes `chunk` screens at a time, and no longer than `turnMs` at a time, yielding to the
 * event loop between turns (setImmediate), so the admin API and the screens' own messages are
 * served while 10,000 frames go out: a turn of 500 sends took 20–130 ms on a loaded machine
 * (CPU profile of the 10,000-screen bench), so the chunk alone did not bound the loop's delay. A newer push takes over from one still running: it goes over every screen
 * again, and screens already sent the current version are skipped.
 *
 * A screen that takes patches and acknowledged the last version it was sent gets a patch from
 * that version when it is the smaller frame (deltas.ts); any other gets the whole manifest.
 */
export class Audiences<M extends AudienceMember> {
  readonly #groups = new Map<AudienceKey, Set<M>>();
  /** The running push; a newer one stops it. */
  #run = 0;
  #pushing = false;
  readonly #deltas = new Deltas();

  constructor(private readonly manifests: Pick<ManifestBuilder, 'view'>) {}

  /** Whether a push still has members to send to (on later turns of the event loop). */
  get pushing(): boolean {
    return this.#pushing;
  }

  /** A screen that said hello: puts it in its audience and answers the manifest it should have (counted as sent). */
  join(member: M, screen: AudienceScreen): BuiltManifest {
    const view = this.manifests.view();
    const audience = view.audienceOf(screen);
    this.#move(member, audience);
    const built = view.forAudience(audience);
    member.sentVersion = built.version;
    this.#deltas.remember(built);
    return built;
  }

  /**
   * The whole manifest of `member`'s audience, for a screen that could not use a patch ([P5]);
   * once per version: a screen asking again for the version it was just sent whole gets nothing
   * (a patch it could not use cannot come between), so a player looping on `resync` cannot make
   * the server send 6 KB for every 30 bytes it sends.
   */
  resend(member: M, send: (member: M, frame: Buffer) => boolean): boolean {
    if (!member.screen || !member.audience) return false;
    const view = this.manifests.view();
    const audience = view.audienceOf(member.screen);
    if (audience !== member.audience) this.#move(member, audience);
    const built = view.forAudience(audience);
    if (member.resyncedVersion === built.version && member.sentVersion === built.version) return false;
    member.resyncedVersion = built.version;
    member.sentVersion = built.version;
    this.#deltas.remember(built);
    return send(member, built.frame);
  }

  /** Takes a member that disconnected out of its group. */
  leave(member: M): void {
    if (!member.audience) return;
    const group = this.#groups.get(member.audience);
    group?.delete(member);
    if (group?.size === 0) this.#groups.delete(member.audience);
    member.audience = null;
  }

  /**
   * Moves each member to the audience it has now (a published schedule change, or a new day's
   * horizon, can change which schedules reach a screen) and sends it its audience's manifest
   * when that is not the version it was sent. `send` answers whether the frame went out. The
   * first `chunk` members (or those sent within `turnMs`) are done before this returns, the
   * others on later turns; the counts answered are those of the first turn (all of them when
   * `chunk` covers everyone and there is no time limit).
   */
  push(members: Iterable<M>, send: (member: M, frame: Buffer) => boolean, chunk = Infinity, turnMs = Infinity): PushResult {
    const run = ++this.#run;
    this.#pushing = true;
    const list = [...members];
    const view = builtOnce(this.manifests.view());
    const result: PushResult = { audiences: 0, sent: 0 };
    let next = 0;
    const step = () => {
      if (run !== this.#run) return;
      const end = Math.min(list.length, next + chunk);
      const until = turnMs === Infinity ? Infinity : performance.now() + turnMs;
      while (next < end) {
        const member = list[next++]!;
        // Not said hello yet (join sends it), or gone since the push began.
        if (member.screen && member.audience && this.#send(view, member, send)) result.sent += 1;
        if (next % CLOCK_EVERY === 0 && performance.now() >= until) break;
      }
      if (next < list.length) setImmediate(step);
      else this.#pushing = false;
    };
    step();
    result.audiences = this.#groups.size;
    return result;
  }

  #send(view: ManifestView, member: M, send: (member: M, frame: Buffer) => boolean): boolean {
    const audience = view.audienceOf(member.screen!);
    if (audience !== member.audience) this.#move(member, audience);
    const built = view.forAudience(audience);
    if (member.sentVersion === built.version) return false;
    const base = member.sentVersion;
    member.sentVersion = built.version;
    const current = member.patches && base !== null && member.ackedVersion === base;
    if (!current) this.#deltas.remember(built);
    return send(member, current ? this.#deltas.frame(base, built) : built.frame);
  }

  /** Puts `member` in `audience`, out of the group it was in (which goes once empty). */
  #move(member: M, audience: AudienceKey): void {
    this.leave(member);
    member.audience = audience;
    let members = this.#groups.get(audience);
    if (!members) this.#groups.set(audience, (members = new Set()));
    members.add(member);
  }
}

/**
 * `view` with each audience's manifest looked up once: a push asks for it once per screen, and
 * the builder's cache key is a string made anew each time.
 */
function builtOnce(view: ManifestView): ManifestView {
  const built = new Map<AudienceKey, BuiltManifest>();
  return {
    audienceOf: (screen) => view.audienceOf(screen),
    forAudience: (key) => {
      let b = built.get(key);
      if (!b) built.set(key, (b = view.forAudience(key)));
      return b;
    },
  };
}
