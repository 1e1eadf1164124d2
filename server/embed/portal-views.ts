import { toLocalIso } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import type { PortalViewRepo } from '../repos/portal-views.ts';
import type { Job, Scheduler } from '../scheduler.ts';
import type { StorageHealth } from '../storage/storage.ts';

export const PORTAL_VIEWS_FLUSH_MS = 60_000;
/** Distinct (day, audience) pairs held between flushes; past it, new audiences wait for the flush. */
const MAX_PENDING = 10_000;

/**
 * Views of the playlists embedded on web portals (issue 17), counted apart from proof of play:
 * a page that comes into view counts once. Anonymous pages must not write on every request, so
 * counts gather in memory and are added to the day's row once a minute (and at shutdown).
 */
export class PortalViews {
  readonly #pending = new Map<string, number>();

  constructor(private readonly deps: { db: Db; clock: Clock; repo: PortalViewRepo; storage: Pick<StorageHealth, 'background'> }) {}

  count(audience: string): void {
    const key = `${toLocalIso(this.deps.clock.now()).slice(0, 10)}|${audience}`;
    if (!this.#pending.has(key) && this.#pending.size >= MAX_PENDING) return;
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
  }

  start(scheduler: Scheduler): Job {
    return scheduler.every('portal-views', PORTAL_VIEWS_FLUSH_MS, () => this.flush());
  }

  /** Writes what was counted; on a full disk the counts wait for the next flush. */
  flush(): void {
    if (!this.#pending.size) return;
    const batch = [...this.#pending];
    const written = this.deps.storage.background('portal views', () =>
      this.deps.db.transaction(() => {
        for (const [key, views] of batch) {
          const [day, audience] = key.split('|') as [string, string];
          this.deps.repo.add(day, audience, views);
        }
      })(),
    );
    if (written) for (const [key, views] of batch) {
      const left = (this.#pending.get(key) ?? 0) - views;
      if (left > 0) this.#pending.set(key, left);
      else this.#pending.delete(key);
    }
  }
}
