import {
  ScheduleFields,
  targets,
  toLocalIso,
  type ChangeSummary,
  type ContentFields,
  type EmergencyCreate,
  type EmergencyStatus,
  type PublishedItem,
} from '../../playlists/index.ts';
import type { MediaRepo } from '../../media/index.ts';
import type { Clock } from '../clock.ts';
import { checkMediaRefs } from '../content/media-usage.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ContentRepo } from '../repos/content.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { ReceiptRepo } from '../repos/receipts.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ReviewRepo } from '../repos/reviews.ts';
import type { ScheduleRepo } from '../repos/schedules.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import type { WardRepo } from '../repos/wards.ts';
import { fallbackPlaylists, isAlert, leftBehind } from './emergency-rules.ts';
import type { Publisher } from './publisher.ts';

/** How long one pass of an emergency message lasts on screen; it repeats until it ends. */
export const EMERGENCY_ITEM_MS = 30_000;

const none = () => ({ added: [] as string[], changed: [] as string[], removed: [] as string[] });

type SloganInput = Extract<ContentFields, { kind: 'slogan' }>;

/**
 * Emergency broadcast (issue 4): an emergency-tier schedule with a one-item playlist, published
 * at once as a revision of its own, so other people's unpublished drafts stay drafts. Cancelling
 * publishes a revision without the schedule and its own playlist and message. Both are written
 * by the publisher (`commit`), which tells the hub.
 */
export class Emergencies {
  constructor(
    private readonly deps: {
      clock: Clock;
      publisher: Pick<Publisher, 'commit'>;
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

    const { revision } = this.deps.publisher.commit(userId, (snapshot, number) => {
      this.deps.content.insert(ids.item, item, now);
      // Sent by a city publisher and on air at once: approved, so the next publish keeps it.
      this.deps.reviews.approve(ids.item, userId, now, ['draft']);
      this.deps.playlists.insert(ids.playlist, playlist, now);
      this.deps.schedules.insert(ids.schedule, schedule, now);
      return {
        snapshot: {
          ...snapshot,
          items: [...snapshot.items, { ...item, id: ids.item, revision: number } satisfies PublishedItem],
          playlists: [...snapshot.playlists, { id: ids.playlist, ...playlist }],
          schedules: [...(snapshot.schedules ?? []), { id: ids.schedule, ...schedule }],
        },
        summary: { ...emptySummary(), items: { ...none(), added: [ids.item] }, playlists: { ...none(), added: [ids.playlist] }, schedules: { ...none(), added: [ids.schedule] } },
      };
    });
    return { scheduleId: ids.schedule, revision };
  }

  /**
   * Ends an emergency on every screen: a revision without its schedule, and without its own
   * playlist and message (left behind, they would come back with any later restore).
   */
  cancel(scheduleId: string, userId: number | null): { revision: number } {
    const { revision } = this.deps.publisher.commit(userId, (latest) => {
      // An emergency, or a broadcast alert of priority tier (a CAP alert's), which operators end the same way.
      const schedule = (latest.schedules ?? []).find((s) => s.id === scheduleId && isAlert(s));
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
      return {
        snapshot: {
          ...latest,
          items: latest.items.filter((i) => !published.items.has(i.id)),
          playlists: latest.playlists.filter((p) => !published.playlists.has(p.id)),
          schedules,
        },
        summary: {
          items: { ...none(), removed: [...published.items] },
          playlists: { ...none(), removed: [...published.playlists] },
          schedules: { ...none(), removed: [scheduleId] },
        },
      };
    });
    return { revision };
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
}

const emptySummary = (): ChangeSummary => ({ items: none(), playlists: none(), schedules: none() });
