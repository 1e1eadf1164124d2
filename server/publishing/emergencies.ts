import {
  ScheduleFields,
  mayRunBetween,
  targets,
  toLocalIso,
  type ChangeSummary,
  type EmergencyCreate,
  type ContentFields,
  type EmergencyStatus,
  type Playlist,
  type PublishedItem,
  type Schedule,
} from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { checkMediaRefs } from '../content/media-usage.ts';
import type { MediaRepo } from '../../media/index.ts';
import type { ContentRepo } from '../repos/content.ts';
import type { ReviewRepo } from '../repos/reviews.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { ReceiptRepo } from '../repos/receipts.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { Snapshot } from './snapshot.ts';
import type { ScheduleRepo } from '../repos/schedules.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import type { WardRepo } from '../repos/wards.ts';
import { newId } from '../ids.ts';

/** How long one pass of an emergency message lasts on screen; it repeats until it ends. */
export const EMERGENCY_ITEM_MS = 30_000;

const none = () => ({ added: [] as string[], changed: [] as string[], removed: [] as string[] });

type SloganInput = Extract<ContentFields, { kind: 'slogan' }>;

/** What keeps a playlist (and so its items) needed: schedules that play it, the default playlist. */
interface Referrers {
  playlists: readonly Playlist[];
  schedules: readonly Schedule[];
  defaultPlaylistId: string | null;
}

/** Playlists screens fall back to on their own (screens.fallback_playlist_id): never left behind. */
export function fallbackPlaylists(screens: Pick<ScreenRepo, 'list'>): Set<string> {
  return new Set(screens.list().flatMap((s) => (s.fallbackPlaylistId ? [s.fallbackPlaylistId] : [])));
}

/**
 * Of `candidates` (the playlists of emergencies that are gone), those nothing plays any more — no
 * schedule, not the default, not in `kept` — and the items only they hold: an emergency's own
 * playlist and message, which go when it goes rather than stay behind as orphans.
 */
export function leftBehind(state: Referrers, candidates: Iterable<string>, kept: ReadonlySet<string>): { playlists: Set<string>; items: Set<string> } {
  const played = new Set(state.schedules.map((s) => s.playlistId));
  const playlists = new Set([...candidates].filter((id) => !played.has(id) && id !== state.defaultPlaylistId && !kept.has(id)));
  const held = new Set(state.playlists.filter((p) => !playlists.has(p.id)).flatMap((p) => p.itemIds));
  const items = new Set(state.playlists.filter((p) => playlists.has(p.id)).flatMap((p) => p.itemIds).filter((id) => !held.has(id)));
  return { playlists, items };
}

/** An emergency-tier schedule that may still run at or after `now` (on air, or still to come). */
const isLive = (s: Schedule, now: number) => s.tier === 'emergency' && mayRunBetween(s.time, now, Number.POSITIVE_INFINITY);

/**
 * An earlier revision's content with the emergencies of now (issue 11): a rollback restores
 * content, never the on-air state of emergencies. Emergencies published now that have not ended
 * stay — with their playlist and message, taken from now when the earlier revision predates them;
 * the earlier revision's emergencies that were cancelled or have ended stay gone, and so do their
 * own playlists and messages. `kept`: playlists never dropped (screens' fallbacks).
 */
export function withCurrentEmergencies(restored: Snapshot, current: Snapshot, now: number, kept: ReadonlySet<string>): Snapshot {
  const live = (current.schedules ?? []).filter((s) => isLive(s, now));
  const earlier = restored.schedules ?? [];
  const schedules = [...earlier.filter((s) => s.tier !== 'emergency'), ...live];
  const gone = leftBehind({ ...restored, schedules }, earlier.filter((s) => s.tier === 'emergency').map((s) => s.playlistId), kept);
  const items = restored.items.filter((i) => !gone.items.has(i.id));
  const playlists = restored.playlists.filter((p) => !gone.playlists.has(p.id));
  const owners = { items: { ...restored.owners?.items }, playlists: { ...restored.owners?.playlists } };
  const has = new Set([...items.map((i) => i.id), ...playlists.map((p) => p.id)]);
  for (const s of live) {
    const playlist = current.playlists.find((p) => p.id === s.playlistId);
    if (!playlist || has.has(playlist.id)) continue;
    playlists.push(playlist);
    has.add(playlist.id);
    const ward = current.owners?.playlists[playlist.id];
    if (ward) owners.playlists[playlist.id] = ward;
    for (const item of current.items.filter((i) => playlist.itemIds.includes(i.id) && !has.has(i.id))) {
      items.push(item);
      has.add(item.id);
      const owner = current.owners?.items[item.id];
      if (owner) owners.items[item.id] = owner;
    }
  }
  return { ...restored, items, playlists, schedules, owners };
}

/**
 * Emergency broadcast (issue 4): an emergency-tier schedule with a one-item playlist, published
 * at once as a revision of its own, so other people's unpublished drafts stay drafts. Cancelling
 * publishes a revision without the schedule and its own playlist and message.
 */
export class Emergencies {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      content: ContentRepo;
      reviews: ReviewRepo;
      playlists: PlaylistRepo;
      schedules: ScheduleRepo;
      revisions: RevisionRepo;
      screens: ScreenRepo;
      wards: WardRepo;
      receipts: ReceiptRepo;
      settings: Pick<SettingsRepo, 'get'>;
      media: { repo: Pick<MediaRepo, 'get'> };
    },
  ) {}

  send(input: EmergencyCreate, userId: number | null): { scheduleId: string; revision: number } {
    const now = this.deps.clock.now();
    const unknown = input.wards.flatMap((code, i) => (this.deps.wards.get(code) ? [] : [{ path: `wards.${i}`, message: `no ward ${code}` }]));
    if (unknown.length) throw new AppError(422, 'unknown_ward', 'The emergency names wards that do not exist', unknown);
    const name = input.text.slice(0, 120);
    const parsed = ScheduleFields.safeParse({
      name,
      playlistId: 'pending',
      tier: 'emergency',
      target: input.wards.length ? { wards: input.wards } : { all: true },
      time: { startDate: toLocalIso(now).slice(0, 10), startsAt: toLocalIso(now), ...(input.endsAt ? { endsAt: input.endsAt } : {}) },
    });
    if (!parsed.success) throw validationError(parsed.error);
    const item: SloganInput = { kind: 'slogan', theme: 1, durationMs: EMERGENCY_ITEM_MS, text: input.text, ...(input.imageMediaId ? { image: input.imageMediaId } : {}) };
    // An image the library has, and an image (422 unknown_media / wrong_media_kind), before anything is written.
    checkMediaRefs(item, this.deps.media.repo);
    const ids = { item: newId('c'), playlist: newId('p'), schedule: newId('sch') };
    const schedule = { ...parsed.data, playlistId: ids.playlist };
    const playlist = { name, itemIds: [ids.item] };

    return this.deps.db.transaction(() => {
      this.deps.content.insert(ids.item, item, now);
      // Sent by a city publisher and on air at once: approved, so the next publish keeps it.
      this.deps.reviews.approve(ids.item, userId, now, ['draft']);
      this.deps.playlists.insert(ids.playlist, playlist, now);
      this.deps.schedules.insert(ids.schedule, schedule, now);
      const revision = this.#publish(userId, (snapshot, number) => ({
        ...snapshot,
        items: [...snapshot.items, { ...item, id: ids.item, revision: number } satisfies PublishedItem],
        playlists: [...snapshot.playlists, { id: ids.playlist, ...playlist }],
        schedules: [...(snapshot.schedules ?? []), { id: ids.schedule, ...schedule }],
      }), { ...emptySummary(), items: { ...none(), added: [ids.item] }, playlists: { ...none(), added: [ids.playlist] }, schedules: { ...none(), added: [ids.schedule] } });
      return { scheduleId: ids.schedule, revision };
    }).immediate();
  }

  /**
   * Ends an emergency on every screen: a revision without its schedule, and without its own
   * playlist and message (left behind, they would come back with any later restore).
   */
  cancel(scheduleId: string, userId: number | null): { revision: number } {
    return this.deps.db.transaction(() => {
      const latest = this.deps.revisions.latest().snapshot;
      const schedule = (latest.schedules ?? []).find((s) => s.id === scheduleId && s.tier === 'emergency');
      if (!schedule) throw notFound('emergency');
      this.deps.schedules.delete(scheduleId);
      const kept = fallbackPlaylists(this.deps.screens);
      // The drafts and the published revision are each checked for what still needs the rows.
      const drafts = leftBehind({
        playlists: this.deps.playlists.list().map((s) => s.playlist),
        schedules: this.deps.schedules.list().map((s) => s.schedule),
        defaultPlaylistId: this.deps.settings.get('default_playlist_id'),
      }, [schedule.playlistId], kept);
      for (const id of drafts.playlists) this.deps.playlists.delete(id);
      for (const id of drafts.items) this.deps.content.delete(id);
      const schedules = (latest.schedules ?? []).filter((s) => s.id !== scheduleId);
      const published = leftBehind({ ...latest, schedules }, [schedule.playlistId], kept);
      const revision = this.#publish(userId, (snapshot) => ({
        ...snapshot,
        items: snapshot.items.filter((i) => !published.items.has(i.id)),
        playlists: snapshot.playlists.filter((p) => !published.playlists.has(p.id)),
        schedules,
      }), {
        items: { ...none(), removed: [...published.items] },
        playlists: { ...none(), removed: [...published.playlists] },
        schedules: { ...none(), removed: [scheduleId] },
      });
      return { revision };
    }).immediate();
  }

  /** Published emergencies, newest first, with who has and has not shown each. */
  list(connected: (screenId: string) => boolean): EmergencyStatus[] {
    const now = this.deps.clock.now();
    const snapshot = this.deps.revisions.latest().snapshot;
    const screens = this.deps.screens.list();
    return (snapshot.schedules ?? [])
      .filter((s) => s.tier === 'emergency')
      .map((s) => {
        const item = snapshot.items.find((i) => snapshot.playlists.find((p) => p.id === s.playlistId)?.itemIds.includes(i.id));
        const shown = new Map(this.deps.receipts.forSchedule(s.id).map((r) => [r.screenId, r.shownAt]));
        const startsAt = Date.parse(s.time.startsAt ?? `${s.time.startDate}T00:00:00+07:00`);
        const endsAt = s.time.endsAt ? Date.parse(s.time.endsAt) : null;
        return {
          scheduleId: s.id,
          text: item?.kind === 'slogan' ? item.text : s.name,
          startsAt: toLocalIso(startsAt),
          endsAt: endsAt === null ? null : toLocalIso(endsAt),
          active: startsAt <= now && (endsAt === null || now < endsAt),
          wards: s.target.wards,
          imageMediaId: item?.kind === 'slogan' ? item.image ?? null : null,
          screens: screens
            .filter((screen) => targets(s, screen))
            .map((screen) => {
              const at = shown.get(screen.id);
              return { id: screen.id, name: screen.name, connected: connected(screen.id), shownAt: at === undefined ? null : toLocalIso(at) };
            }),
        };
      })
      .sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
  }

  #publish(userId: number | null, change: (snapshot: Snapshot, number: number) => Snapshot, summary: ChangeSummary): number {
    const latest = this.deps.revisions.latest();
    const number = latest.number + 1;
    this.deps.revisions.insert(number, this.deps.clock.now(), userId, summary, change(latest.snapshot, number));
    return number;
  }
}

const emptySummary = (): ChangeSummary => ({ items: none(), playlists: none(), schedules: none() });
