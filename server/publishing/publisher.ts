import type { ChangeSummary, ContentItem, WardShareSetting } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import type { ContentRepo } from '../repos/content.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { ReviewRepo } from '../repos/reviews.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ScheduleRepo } from '../repos/schedules.ts';
import type { ScreenDetails, ScreenRepo } from '../repos/screens.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import { draftSnapshot } from './drafts.ts';
import { fallbackPlaylists, withCurrentEmergencies } from './emergency-rules.ts';
import { isEmpty, summaryOf, withoutRevision, type Snapshot } from './snapshot.ts';

/** What changed for screens: told to every `onPublished` listener once it is committed. */
export interface Published {
  /** The latest revision once the change is committed (a setting's change leaves it as it was). */
  revision: number;
  /** Screens whose own record changed what they get (their fallback): read them again first. */
  screenIds: string[];
}

export type PublishedListener = (published: Published) => void;

/** A revision as `commit` writes it: its snapshot, and the summary of what it changed. */
export interface Change {
  snapshot: Snapshot;
  summary: ChangeSummary;
}

/**
 * The one writer of what screens get. Every revision is written by `commit` — a publish of the
 * drafts, a restore, an emergency sent or cancelled (emergencies.ts) — and the live settings
 * that change manifests without a revision (the ward share, a screen's fallback) are written
 * here too. Each tells its listeners "published" once its transaction has committed, so the
 * hub (subscribed once, in app.ts) pushes new manifests: no route has to remember to.
 */
export class Publisher {
  readonly #listeners = new Set<PublishedListener>();
  /** Screens named by changes not told yet (a change inside a caller's transaction); null: none waits. */
  #untold: Set<string> | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      content: ContentRepo;
      reviews: ReviewRepo;
      playlists: PlaylistRepo;
      schedules: ScheduleRepo;
      revisions: RevisionRepo;
      settings: SettingsRepo;
      screens: Pick<ScreenRepo, 'list' | 'setFallback' | 'setWardCode' | 'setDetails'>;
    },
  ) {}

  /** Calls `listener` after every committed change of what screens get; returns the unsubscribe. */
  onPublished(listener: PublishedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** What publishing now would change (`ward`: what that ward's publish would change). */
  pending(ward: string | null = null): { revision: number; summary: ChangeSummary } {
    const latest = this.deps.revisions.latest();
    const next = draftSnapshot(this.deps, latest.number + 1, latest.snapshot, ward);
    return { revision: latest.number, summary: this.#summary(latest.snapshot, next) };
  }

  /**
   * Publishes the drafts. With `ward`, only that ward's own local rows (items, playlists,
   * schedules it owns) go out — a ward's local content goes on air without the city, and
   * without taking the city's unfinished drafts with it; every other row stays as published.
   */
  publish(userId: number | null, ward: string | null = null): { revision: number; summary: ChangeSummary } {
    return this.commit(userId, (latest, number) => {
      const next = draftSnapshot(this.deps, number, latest, ward);
      const summary = this.#summary(latest, next);
      if (isEmpty(summary)) throw new AppError(409, 'nothing_to_publish', 'There are no unpublished changes');
      return { snapshot: next, summary };
    });
  }

  /**
   * Publishes an earlier revision's content again, as a new revision, and makes it the draft.
   * Emergencies are not content: they stay as they are now (withCurrentEmergencies), so a
   * rollback never brings back one that was cancelled or has ended, nor drops one on air.
   */
  restore(number: number, userId: number | null): { revision: number; summary: ChangeSummary } {
    return this.#write(() => {
      const now = this.deps.clock.now();
      const snapshot = this.restoring(number).after;
      this.deps.content.replaceAll(snapshot.items.map(withoutRevision) as ContentItem[], now, snapshot.owners?.items);
      // They were on air: the restored city items count as approved, by whoever restores them.
      this.deps.reviews.approveAllCity(userId, now);
      this.deps.playlists.replaceAll(snapshot.playlists, now, snapshot.owners?.playlists);
      this.deps.schedules.replaceAll(snapshot.schedules ?? [], now);
      if (snapshot.defaultPlaylistId) this.deps.settings.set('default_playlist_id', snapshot.defaultPlaylistId);
      return this.publish(userId);
    });
  }

  /**
   * What restoring revision `number` now would put on air (`after`) in place of the latest
   * revision (`before`): the restore's own snapshot, so its preview shows what it will do.
   */
  restoring(number: number): { revision: number; before: Snapshot; after: Snapshot } {
    const earlier = this.deps.revisions.snapshot(number);
    if (!earlier) throw new AppError(404, 'revision_not_found', 'revision not found');
    const latest = this.deps.revisions.latest();
    const after = withCurrentEmergencies(earlier, latest.snapshot, this.deps.clock.now(), fallbackPlaylists(this.deps.screens));
    return { revision: latest.number, before: latest.snapshot, after };
  }

  /**
   * Writes the next revision: `change` makes it from the latest revision's snapshot and its
   * number-to-be (and may throw, writing nothing). The one place revisions are written.
   */
  commit(userId: number | null, change: (latest: Snapshot, number: number) => Change): { revision: number; summary: ChangeSummary } {
    return this.#write(() => {
      const latest = this.deps.revisions.latest();
      const number = latest.number + 1;
      const { snapshot, summary } = change(latest.snapshot, number);
      this.deps.revisions.insert(number, this.deps.clock.now(), userId, summary, snapshot);
      return { revision: number, summary };
    });
  }

  /** The city's ward share rule: a live setting, not versioned by publishing, that manifests carry. */
  setWardShare(setting: WardShareSetting): void {
    this.#write(() => this.deps.settings.set('ward_share', JSON.stringify(setting)));
  }

  /** A screen's own fallback playlist (null: the city default), which its manifest carries. */
  setScreenFallback(screenId: string, playlistId: string | null): void {
    this.#write(() => this.deps.screens.setFallback(screenId, playlistId), [screenId]);
  }

  /** Moves a screen to a ward (null: none): which schedules reach it follows, and so its manifest. */
  setScreenWard(screenId: string, wardCode: string | null): void {
    this.#write(() => this.deps.screens.setWardCode(screenId, wardCode), [screenId]);
  }

  /**
   * Renames a screen or changes its location kind and tags, and with `wardCode` (null: none)
   * moves it to a ward, in one transaction: which schedules reach it follows, and so its manifest.
   */
  setScreenDetails(screenId: string, details: ScreenDetails, wardCode?: string | null): void {
    this.#write(() => {
      this.deps.screens.setDetails(screenId, details);
      if (wardCode !== undefined) this.deps.screens.setWardCode(screenId, wardCode);
    }, [screenId]);
  }

  #summary(before: Snapshot, after: Snapshot): ChangeSummary {
    const summary = summaryOf(before, after);
    if (before.defaultPlaylistId !== after.defaultPlaylistId && after.defaultPlaylistId) {
      if (!summary.playlists.changed.includes(after.defaultPlaylistId) && !summary.playlists.added.includes(after.defaultPlaylistId)) {
        summary.playlists.changed.push(after.defaultPlaylistId);
      }
    }
    return summary;
  }

  /**
   * Runs `write` in a transaction, then has the change told: at once, or, when the caller's own
   * transaction is still open (a route's audit entry is written in it), once that has ended —
   * better-sqlite3's transactions are synchronous, so by the next microtask. Screens never hear
   * of a change that may still roll back; one that did roll back pushes nothing new.
   */
  #write<T>(write: () => T, screenIds: readonly string[] = []): T {
    const result = this.deps.db.transaction(write).immediate();
    const waiting = this.#untold !== null;
    this.#untold = new Set([...(this.#untold ?? []), ...screenIds]);
    if (!this.deps.db.inTransaction) this.#tell();
    else if (!waiting) queueMicrotask(() => this.#tell());
    return result;
  }

  #tell(): void {
    if (!this.#untold) return;
    const published = { revision: this.deps.revisions.latestNumber(), screenIds: [...this.#untold] };
    this.#untold = null;
    for (const listener of this.#listeners) {
      try {
        listener(published);
      } catch (err) {
        // The change is committed whatever a listener does; the hub's next refresh catches up.
        console.error('publishing: a "published" listener failed', err);
      }
    }
  }
}
