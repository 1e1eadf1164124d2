import {
  DAY_MS,
  DEFAULT_WARD_SHARE,
  HORIZON_DAYS,
  mediaOf,
  type MediaInfo,
  MANIFEST_FORMAT,
  WardShareSetting,
  manifestContent,
  mayRunBetween,
  startOfLocalDay,
  targets,
  toLocalIso,
  wardShareFor,
  type FallbackChoice,
  type Manifest,
  type ManifestBody,
  type Schedule,
  type TargetScreen,
  versionOfDigest,
  type WardShare,
} from '../../playlists/index.ts';
import { canonicalJson, sha256Hex } from '../canonical.ts';
import type { Clock } from '../clock.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { Snapshot } from './snapshot.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import type { MediaRepo } from '../../media/index.ts';

export interface BuiltManifest {
  manifest: Manifest;
  version: string;
  /** The `manifest` frame, serialised once and sent as is to every screen of the audience. */
  frame: Buffer;
}

/** Audiences and their manifests, all from one reading of the published state (ManifestBuilder.view). */
export interface ManifestView {
  audienceOf(screen: AudienceScreen): AudienceKey;
  forAudience(key: AudienceKey): BuiltManifest;
}

/** A web portal's manifest (forPortal). */
export interface PortalManifest {
  manifest: Manifest;
  version: string;
}

const PUBLIC_TARGET = { all: true, wards: [], locationKinds: [], tags: [], screenIds: [] };

/** Whether a schedule plays on a public screen of `ward` (null: anywhere in the city) as such. */
function reachesPortal(s: Schedule, ward: string | null): boolean {
  const t = s.target;
  if (s.ownerWard !== null && s.ownerWard !== ward) return false;
  if (t.all) return true;
  return ward !== null && t.wards.includes(ward) && !t.locationKinds.length && !t.tags.length;
}

/** Screens with the same audience get the same manifest bytes. */
export type AudienceKey = string;

/** A screen as an audience is computed for: what targeting reads, and its own fallback playlist. */
export type AudienceScreen = TargetScreen & { fallbackPlaylistId?: string | null };

/** What makes an audience: the schedules that reach its screens, the fallback and the ward share. */
interface Audience {
  scheduleIds: string[];
  fallback: string | null;
  /** Only when a ward-owned schedule is in the audience ([S4]); otherwise the share is moot. */
  wardShare: WardShare | null;
}

/** The published state manifests are built from, for one revision and one horizon. */
interface Basis {
  stamp: string;
  number: number;
  snapshot: Snapshot;
  from: number;
  until: number;
  /** Published schedules that may run within the horizon. */
  schedules: Schedule[];
  share: WardShareSetting;
  /** Every medium the revision's items refer to that the library has, with its files. */
  media: Map<string, MediaInfo>;
  /**
   * What every screen's audience is computed from (audienceFor): the schedules' targets, the
   * published playlists, the city default and the ward share. Bases that agree on it (an edit
   * of an item's text) give every screen the same audience, so they share their keys.
   */
  audienceStamp: string;
  /** Audience keys found so far, by screen signature (signatureOf). */
  keys: Map<string, AudienceKey>;
  /** Audience keys by what the audience holds (audienceText): each distinct audience is hashed once. */
  hashed: Map<string, AudienceKey>;
}

/** What a screen's audience depends on: what targeting reads, and its own fallback. */
const signatureOf = (s: AudienceScreen) =>
  JSON.stringify([s.id, s.wardCode ?? null, s.locationKind, s.tags, s.fallbackPlaylistId ?? null]);

const MAX_AUDIENCES = 50_000;

/**
 * Builds one manifest per audience from the latest published revision (DESIGN.md, "The
 * manifest"). An audience is the set of published schedules whose target includes a screen,
 * plus the fallback; its key is a hash of those, so screens that match the same schedules share
 * one manifest, serialised once.
 */
export class ManifestBuilder {
  readonly #cache = new Map<string, BuiltManifest>();
  readonly #portals = new Map<string, PortalManifest>();
  readonly #audiences = new Map<AudienceKey, Audience>();
  /** Per screen record: the audience stamp its key was computed for, and the key. */
  readonly #keys = new WeakMap<object, { stamp: string; key: AudienceKey }>();
  #basis: Basis | null = null;

  constructor(private readonly deps: { revisions: RevisionRepo; settings: SettingsRepo; clock: Clock; media: Pick<MediaRepo, 'infos' | 'stamp'> }) {}

  /** The city's ward share setting (a live setting, not versioned by publishing). */
  wardShareSetting(): WardShareSetting {
    const raw = this.deps.settings.get('ward_share');
    const parsed = raw === null ? null : WardShareSetting.safeParse(JSON.parse(raw));
    return parsed?.success ? parsed.data : { ...DEFAULT_WARD_SHARE, wards: {} };
  }

  audienceOf(screen: AudienceScreen): AudienceKey {
    return this.#audienceIn(this.#current(), screen);
  }

  forAudience(key: AudienceKey): BuiltManifest {
    return this.#builtIn(this.#current(), key);
  }

  /**
   * Audiences and manifests from one reading of the published state. `#current()` asks the
   * database three questions (latest revision, ward share, media stamp), so a fan-out or a
   * dashboard that looks up 10,000 screens reads the state once here instead of twice per screen.
   */
  view(): ManifestView {
    const basis = this.#current();
    return { audienceOf: (screen) => this.#audienceIn(basis, screen), forAudience: (key) => this.#builtIn(basis, key) };
  }

  #audienceIn(basis: Basis, screen: AudienceScreen): AudienceKey {
    const known = this.#keys.get(screen);
    if (known?.stamp === basis.audienceStamp && this.#audiences.has(known.key)) return known.key;
    // A record read again (the dashboard lists screens afresh) finds its key by what the
    // audience depends on, rather than hashing its audience again.
    const signature = signatureOf(screen);
    const found = basis.keys.get(signature);
    const key = found !== undefined && this.#audiences.has(found) ? found : this.#newKey(basis, screen);
    basis.keys.set(signature, key);
    this.#keys.set(screen, { stamp: basis.audienceStamp, key });
    return key;
  }

  /**
   * A screen's audience worked out anew. A publish that changes audiences (an emergency adds a
   * schedule) does this for every screen on the way to 10,000 of them; they fall into a few
   * audiences, so each distinct one is hashed once (hashing each screen's took ~100 ms of the
   * emergency's fan-out at 10,000 screens).
   */
  #newKey(basis: Basis, screen: AudienceScreen): AudienceKey {
    const audience = audienceFor(basis, screen);
    const text = audienceText(audience);
    const known = basis.hashed.get(text);
    if (known !== undefined && this.#audiences.has(known)) return known;
    const key = sha256Hex(canonicalJson(audience)).slice(0, 20);
    basis.hashed.set(text, key);
    if (this.#audiences.size >= MAX_AUDIENCES) this.#audiences.clear();
    this.#audiences.set(key, audience);
    return key;
  }

  #builtIn(basis: Basis, key: AudienceKey): BuiltManifest {
    const cacheKey = `${basis.stamp}|${key}`;
    const cached = this.#cache.get(cacheKey);
    if (cached) return cached;
    const audience = this.#audiences.get(key);
    if (!audience) throw new Error(`unknown audience ${key}`);
    const body = buildBody(basis, audience);
    const version = versionOfDigest(sha256Hex(manifestContent(body)));
    const manifest: Manifest = { ...body, version };
    const built = { manifest, version, frame: Buffer.from(JSON.stringify({ type: 'manifest', manifest })) };
    // A view older than the current basis builds for itself, without filling the cache.
    if (basis === this.#basis) this.#cache.set(cacheKey, built);
    return built;
  }

  /**
   * The manifest bodies screens would get if their horizon started at `from` (the timeline asks
   * about any day, also past the current horizon; same code as the manifests screens get),
   * with the screens grouped by audience: screens of one group get the same body, so they play
   * the same (the timeline of a ward or a location kind). Groups come in the order of their
   * first screen.
   */
  groupsFor<S extends AudienceScreen>(screens: readonly S[], from: number, days = HORIZON_DAYS): { screens: S[]; body: ManifestBody; fallback: FallbackChoice }[] {
    const basis = this.#basisAt(startOfLocalDay(from), days);
    const groups = new Map<string, { screens: S[]; audience: Audience; fallback: FallbackChoice }>();
    for (const screen of screens) {
      const audience = audienceFor(basis, screen);
      const fallback = fallbackChoice(basis, screen);
      // Same audience but a different reason for its fallback (own vs city) is told apart too.
      const key = canonicalJson({ audience, source: fallback.source, own: fallback.screenPlaylistId });
      const group = groups.get(key);
      if (group) group.screens.push(screen);
      else groups.set(key, { screens: [screen], audience, fallback });
    }
    return [...groups.values()].map((g) => ({ screens: g.screens, body: buildBody(basis, g.audience), fallback: g.fallback }));
  }

  /**
   * What a ward's web portal (null: the city's) shows (issue 17): what a public screen there
   * would, from the latest published revision only — schedules for every screen or for the
   * ward as a whole, never those for named screens, location kinds or tags, nor another ward's
   * own — and the city's default playlist. Targets are blanked: the portal plays what it gets.
   */
  forPortal(ward: string | null): PortalManifest {
    const basis = this.#current();
    const cacheKey = `${basis.stamp}|portal:${ward ?? ''}`;
    const cached = this.#portals.get(cacheKey);
    if (cached) return cached;
    const scheduleIds = basis.schedules.filter((s) => reachesPortal(s, ward)).map((s) => s.id).sort();
    const city = basis.snapshot.defaultPlaylistId;
    const fallback = city && basis.snapshot.playlists.some((p) => p.id === city) ? city : null;
    const owned = ward !== null && basis.schedules.some((s) => scheduleIds.includes(s.id) && s.ownerWard === ward);
    const built = buildBody(basis, { scheduleIds, fallback, wardShare: owned ? wardShareFor(basis.share, ward) : null });
    const body: ManifestBody = { ...built, schedules: built.schedules.map((s) => ({ ...s, target: PUBLIC_TARGET })) };
    const version = sha256Hex(canonicalJson(body)).slice(0, 32);
    const portal = { manifest: { ...body, version }, version };
    if (this.#portals.size > 1_000) this.#portals.clear();
    this.#portals.set(cacheKey, portal);
    return portal;
  }

  /** Which fallback a screen gets from the latest revision, and why (the timeline says it). */
  fallbackOf(screen: AudienceScreen): FallbackChoice {
    return fallbackChoice(this.#current(), screen);
  }

  #current(): Basis {
    const from = startOfLocalDay(this.deps.clock.now());
    const number = this.deps.revisions.latestNumber();
    const shareRaw = this.deps.settings.get('ward_share') ?? '';
    // Media are immutable, but one can be uploaded again after a restored revision named it.
    const stamp = `${number}|${from}|${shareRaw}|${this.deps.media.stamp()}`;
    if (this.#basis?.stamp === stamp) return this.#basis;
    this.#cache.clear();
    const previous = this.#basis;
    this.#basis = this.#basisAt(from, HORIZON_DAYS);
    // A publish that changed no audience (an item edited) finds every screen's key again at once,
    // instead of working out each screen's audience anew on the way to 10,000 screens.
    if (previous?.audienceStamp === this.#basis.audienceStamp) {
      this.#basis.keys = previous.keys;
      this.#basis.hashed = previous.hashed;
    }
    return this.#basis;
  }

  #basisAt(from: number, days: number): Basis {
    const { number, snapshot } = this.deps.revisions.latest();
    const until = from + days * DAY_MS;
    const schedules = (snapshot.schedules ?? []).filter((s) => mayRunBetween(s.time, from, until));
    const shareRaw = this.deps.settings.get('ward_share') ?? '';
    const mediaIds = [...new Set(snapshot.items.flatMap(mediaOf))].sort();
    const media = new Map(this.deps.media.infos(mediaIds).map((m) => [m.id, m]));
    const share = this.wardShareSetting();
    const playlistIds = snapshot.playlists.map((p) => p.id);
    const audienceStamp = sha256Hex(
      canonicalJson([schedules.map((s) => [s.id, s.target, s.ownerWard]), playlistIds, snapshot.defaultPlaylistId ?? null, share]),
    );
    return {
      stamp: `${number}|${from}|${shareRaw}|${this.deps.media.stamp()}`,
      number, snapshot, from, until, schedules, share, media, audienceStamp, keys: new Map(), hashed: new Map(),
    };
  }
}

/**
 * A screen's fallback ([S7]): its own playlist when the published revision has it, otherwise the
 * city default — also when its own is not published yet, so the screen never goes black.
 */
function fallbackChoice(basis: Basis, screen: AudienceScreen): FallbackChoice {
  const published = (id: string | null | undefined): id is string => Boolean(id) && basis.snapshot.playlists.some((p) => p.id === id);
  const own = screen.fallbackPlaylistId ?? null;
  if (published(own)) return { source: 'screen', playlistId: own, screenPlaylistId: own };
  const city = basis.snapshot.defaultPlaylistId;
  return { source: 'city_default', playlistId: published(city) ? city : null, screenPlaylistId: own };
}

function audienceFor(basis: Basis, screen: AudienceScreen): Audience {
  const matching = basis.schedules.filter((s) => targets(s, screen));
  const fallback = fallbackChoice(basis, screen).playlistId;
  const ward = matching.find((s) => s.ownerWard !== null)?.ownerWard ?? null;
  return {
    scheduleIds: matching.map((s) => s.id).sort(),
    fallback,
    wardShare: ward === null ? null : wardShareFor(basis.share, ward),
  };
}

/**
 * What an audience holds, as a short text that tells audiences of one basis apart: its schedules,
 * its fallback and its ward share (ids have no spaces or line breaks; the share is one per ward).
 */
function audienceText(a: Audience): string {
  return `${a.scheduleIds.join(' ')}\n${a.fallback ?? ''}\n${a.wardShare === null ? '' : JSON.stringify(a.wardShare)}`;
}

function buildBody(basis: Basis, audience: Audience): ManifestBody {
  const { snapshot } = basis;
  const wanted = new Set(audience.scheduleIds);
  const schedules = basis.schedules.filter((s) => wanted.has(s.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const playlistIds = new Set(schedules.map((s) => s.playlistId));
  if (audience.fallback) playlistIds.add(audience.fallback);
  const playlists = snapshot.playlists.filter((p) => playlistIds.has(p.id));
  const itemIds = new Set(playlists.flatMap((p) => p.itemIds));
  const items = snapshot.items.filter((i) => itemIds.has(i.id));
  // Sorted by id, so equal content hashes to an equal version.
  const mediaIds = [...new Set(items.flatMap(mediaOf))].sort();
  const body: ManifestBody = {
    format: MANIFEST_FORMAT,
    revision: basis.number,
    horizon: { from: toLocalIso(basis.from), until: toLocalIso(basis.until) },
    items,
    playlists,
    // A schedule whose playlist is gone cannot play; leaving it out keeps the manifest valid.
    schedules: schedules.filter((s) => playlists.some((p) => p.id === s.playlistId)),
    fallback: { playlistId: audience.fallback },
    media: mediaIds.flatMap((id) => basis.media.get(id) ?? []),
  };
  if (audience.wardShare) body.wardShare = audience.wardShare;
  return body;
}
