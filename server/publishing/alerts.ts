import {
  ScheduleFields,
  toLocalIso,
  type ChangeSummary,
  type ContentFields,
  type PublishedItem,
  type Schedule,
} from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import { validationError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ContentRepo } from '../repos/content.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ReviewRepo } from '../repos/reviews.ts';
import type { ScheduleRepo } from '../repos/schedules.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import { fallbackPlaylists, leftBehind } from './emergency-rules.ts';
import type { Publisher } from './publisher.ts';
import type { Snapshot } from './snapshot.ts';

/** A broadcast alert (a CAP alert's): what it shows, at which tier, where and when. */
export interface Broadcast {
  tier: 'emergency' | 'priority';
  /** The schedule's name: the alert's headline. */
  name: string;
  /** The alert's event, shown after KHẨN CẤP. */
  event: string;
  item: Extract<ContentFields, { kind: 'notice' }>;
  /** Ward codes; empty: every screen. */
  wards: string[];
  startsAt: number;
  endsAt: number;
}

const none = () => ({ added: [] as string[], changed: [] as string[], removed: [] as string[] });
const summary = (parts: Partial<ChangeSummary>): ChangeSummary => ({ items: none(), playlists: none(), schedules: none(), ...parts });
/** Approved from any state: the alert's sender is its authority (a CAP source, an approver). */
const ANY_STATE = ['draft', 'submitted', 'approved', 'rejected'] as const;

/**
 * Broadcast alerts on screens (issue 17): like an emergency sent from the admin page
 * (emergencies.ts) — a schedule with a one-item playlist, published at once as a revision of its
 * own through `Publisher.commit`, leaving everyone's drafts as they are — but at emergency or
 * priority tier, with the alert's event named, updated in place by a later alert, and ended by
 * a Cancel (or an Update that no longer reaches screens). The rows are drafts too, so the next
 * publish keeps them, and a restore keeps them as they are now (emergency-rules.ts, isAlert).
 */
export class AlertBroadcasts {
  constructor(
    private readonly deps: {
      clock: Clock;
      publisher: Pick<Publisher, 'commit'>;
      content: ContentRepo;
      reviews: ReviewRepo;
      playlists: PlaylistRepo;
      schedules: ScheduleRepo;
      revisions: Pick<RevisionRepo, 'latest'>;
      screens: Pick<ScreenRepo, 'list'>;
      settings: Pick<SettingsRepo, 'get'>;
    },
  ) {}

  /** Whether the latest revision still has the schedule (not ended, not cancelled). */
  onAir(scheduleId: string): boolean {
    return (this.deps.revisions.latest().snapshot.schedules ?? []).some((s) => s.id === scheduleId);
  }

  publish(broadcast: Broadcast, userId: number | null): { scheduleId: string; revision: number } {
    const now = this.deps.clock.now();
    const ids = { item: newId('c'), playlist: newId('p'), schedule: newId('sch') };
    const schedule = scheduleOf(broadcast, ids.playlist);
    const playlist = { name: broadcast.name, itemIds: [ids.item] };
    const { revision } = this.deps.publisher.commit(userId, (snapshot, number) => {
      this.deps.content.insert(ids.item, broadcast.item, now);
      this.deps.reviews.approve(ids.item, userId, now, ANY_STATE);
      this.deps.playlists.insert(ids.playlist, playlist, now);
      this.deps.schedules.insert(ids.schedule, schedule, now);
      return {
        snapshot: {
          ...snapshot,
          items: [...snapshot.items, { ...broadcast.item, id: ids.item, revision: number } satisfies PublishedItem],
          playlists: [...snapshot.playlists, { id: ids.playlist, ...playlist }],
          schedules: [...(snapshot.schedules ?? []), { id: ids.schedule, ...schedule }],
        },
        summary: summary({ items: { ...none(), added: [ids.item] }, playlists: { ...none(), added: [ids.playlist] }, schedules: { ...none(), added: [ids.schedule] } }),
      };
    });
    return { scheduleId: ids.schedule, revision };
  }

  /**
   * Replaces what an alert on air shows, keeping its schedule (so its receipts stay with it):
   * its message, tier, wards and times. Null when the schedule is no longer published.
   */
  update(scheduleId: string, broadcast: Broadcast, userId: number | null): { scheduleId: string; revision: number } | null {
    if (!this.onAir(scheduleId)) return null;
    const now = this.deps.clock.now();
    const { revision } = this.deps.publisher.commit(userId, (snapshot, number) => {
      const old = (snapshot.schedules ?? []).find((s) => s.id === scheduleId)!;
      const itemId = snapshot.playlists.find((p) => p.id === old.playlistId)?.itemIds[0];
      const schedule = scheduleOf(broadcast, old.playlistId);
      this.deps.schedules.update(scheduleId, schedule, now);
      const items = snapshot.items.filter((i) => i.id !== itemId);
      if (itemId) {
        this.deps.content.update(itemId, broadcast.item, now);
        this.deps.reviews.approve(itemId, userId, now, ANY_STATE);
        items.push({ ...broadcast.item, id: itemId, revision: number });
      }
      return {
        snapshot: { ...snapshot, items, schedules: (snapshot.schedules ?? []).map((s) => (s.id === scheduleId ? { id: scheduleId, ...schedule } : s)) },
        summary: summary({ items: { ...none(), changed: itemId ? [itemId] : [] }, schedules: { ...none(), changed: [scheduleId] } }),
      };
    });
    return { scheduleId, revision };
  }

  /**
   * Ends alerts on every screen: a revision without their schedules, playlists and messages.
   * Schedules no longer published are passed over; null when none was.
   */
  end(scheduleIds: readonly string[], userId: number | null): { revision: number; ended: string[] } | null {
    const live = scheduleIds.filter((id) => this.onAir(id));
    if (!live.length) return null;
    const { revision } = this.deps.publisher.commit(userId, (latest) => {
      const gone = new Set(live);
      const ending = (latest.schedules ?? []).filter((s) => gone.has(s.id));
      for (const id of live) this.deps.schedules.delete(id);
      const kept = fallbackPlaylists(this.deps.screens);
      const candidates = ending.map((s) => s.playlistId);
      const drafts = leftBehind({
        playlists: this.deps.playlists.list().map((s) => s.playlist),
        schedules: this.deps.schedules.list().map((s) => s.schedule),
        defaultPlaylistId: this.deps.settings.get('default_playlist_id'),
      }, candidates, kept);
      for (const id of drafts.playlists) this.deps.playlists.delete(id);
      for (const id of drafts.items) this.deps.content.delete(id);
      const schedules = (latest.schedules ?? []).filter((s) => !gone.has(s.id));
      const published = leftBehind({ ...latest, schedules }, candidates, kept);
      const snapshot: Snapshot = {
        ...latest,
        items: latest.items.filter((i) => !published.items.has(i.id)),
        playlists: latest.playlists.filter((p) => !published.playlists.has(p.id)),
        schedules,
      };
      return {
        snapshot,
        summary: summary({
          items: { ...none(), removed: [...published.items] },
          playlists: { ...none(), removed: [...published.playlists] },
          schedules: { ...none(), removed: live },
        }),
      };
    });
    return { revision, ended: live };
  }
}

function scheduleOf(b: Broadcast, playlistId: string): Omit<Schedule, 'id'> {
  const parsed = ScheduleFields.safeParse({
    name: b.name,
    playlistId,
    tier: b.tier,
    target: b.wards.length ? { wards: b.wards } : { all: true },
    time: { startDate: toLocalIso(b.startsAt).slice(0, 10), startsAt: toLocalIso(b.startsAt), endsAt: toLocalIso(b.endsAt) },
    event: b.event,
  });
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
