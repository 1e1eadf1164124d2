import type { AudienceKey, AudienceScreen, BuiltManifest, ManifestBuilder } from '../publishing/manifests.ts';

/** A connected screen as the fan-out sees it. */
export interface AudienceMember {
  /** Null until the screen said hello. */
  screen: AudienceScreen | null;
  /** The audience it was last put in. */
  audience: AudienceKey | null;
  /** The manifest version last sent to it. */
  sentVersion: string | null;
}

/**
 * The fan-out (DESIGN.md, "The manifest"): connected screens grouped by audience, so that each
 * push builds an audience's manifest once, serialises it once and sends the same bytes to every
 * screen of the group that does not have that version yet.
 */
export class Audiences<M extends AudienceMember> {
  readonly #groups = new Map<AudienceKey, Set<M>>();

  constructor(private readonly manifests: Pick<ManifestBuilder, 'audienceOf' | 'forAudience'>) {}

  /** A screen that said hello: puts it in its audience and answers the manifest it should have (counted as sent). */
  join(member: M, screen: AudienceScreen): BuiltManifest {
    const audience = this.manifests.audienceOf(screen);
    this.#move(member, audience);
    const built = this.manifests.forAudience(audience);
    member.sentVersion = built.version;
    return built;
  }

  /** Takes a member that disconnected out of its group. */
  leave(member: M): void {
    if (member.audience) this.#groups.get(member.audience)?.delete(member);
  }

  /**
   * Moves each member to the audience it has now (a published schedule change, or a new day's
   * horizon, can change which schedules reach a screen), then sends every member whose
   * audience's manifest changed the new one. `send` answers whether the frame went out.
   */
  push(members: Iterable<M>, send: (member: M, frame: Buffer) => boolean): { audiences: number; sent: number } {
    for (const member of members) {
      if (!member.screen) continue;
      const audience = this.manifests.audienceOf(member.screen);
      if (audience !== member.audience) this.#move(member, audience);
    }
    let sent = 0;
    for (const [audience, group] of this.#groups) {
      const built = this.manifests.forAudience(audience);
      for (const member of group) {
        if (member.sentVersion === built.version) continue;
        member.sentVersion = built.version;
        if (send(member, built.frame)) sent += 1;
      }
    }
    return { audiences: this.#groups.size, sent };
  }

  /** Puts `member` in `audience`, out of the group it was in (which goes once empty). */
  #move(member: M, audience: AudienceKey): void {
    if (member.audience) {
      const old = this.#groups.get(member.audience);
      old?.delete(member);
      if (old?.size === 0) this.#groups.delete(member.audience);
    }
    member.audience = audience;
    let members = this.#groups.get(audience);
    if (!members) this.#groups.set(audience, (members = new Set()));
    members.add(member);
  }
}
