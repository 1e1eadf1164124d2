import type { ScreenRepo } from '../repos/screens.ts';
import type { StorageHealth } from '../storage/storage.ts';
import { HeldTask } from '../storage/write-hold.ts';
import { sightingOf, type Session } from './session.ts';

/** Screen sightings written per transaction (and turn of the event loop). */
export const SIGHTINGS_PER_TURN = 1_000;

export interface SightingsDeps {
  screens: Pick<ScreenRepo, 'recordSightings'>;
  storage: Pick<StorageHealth, 'background'>;
}

/**
 * What the hub learnt about screens (last seen, version acked, player, viewport, health) and
 * has not written yet. Written SIGHTINGS_PER_TURN to a transaction, the rest on the next turns
 * of the event loop: after a fan-out 10,000 screens acked at once, and one transaction of them
 * all held the loop ~150 ms. A timed write waits for a push going out (storage/write-hold.ts). What
 * cannot be written (a full disk) is kept for the next flush.
 */
export class Sightings {
  readonly #dirty = new Set<Session>();
  /** The next turn's share still to write. */
  #more: ReturnType<typeof setImmediate> | null = null;
  readonly #due: HeldTask;

  constructor(
    private readonly deps: SightingsDeps,
    pushing: () => boolean,
  ) {
    this.#due = new HeldTask(pushing, () => this.#writeTurn());
  }

  /** A screen whose sighting changed. */
  add(session: Session): void {
    this.#dirty.add(session);
  }

  /** Writes the waiting sightings, this turn's share now unless a push is going out. */
  flush(): void {
    this.#due.due();
  }

  /** Writes every waiting sighting now, push or not (shutdown). */
  flushAll(): void {
    this.#due.cancel();
    for (let left = this.#dirty.size; left > 0; left = this.#dirty.size) {
      this.#writeTurn();
      if (this.#dirty.size >= left) break;
    }
    if (this.#more) clearImmediate(this.#more);
    this.#more = null;
  }

  #writeTurn(): void {
    if (this.#more) clearImmediate(this.#more);
    this.#more = null;
    if (!this.#dirty.size) return;
    const dirty: Session[] = [];
    for (const s of this.#dirty) {
      dirty.push(s);
      if (dirty.length >= SIGHTINGS_PER_TURN) break;
    }
    for (const s of dirty) this.#dirty.delete(s);
    const sightings = dirty.flatMap((s) => (s.screen ? [sightingOf(s, s.screen)] : []));
    if (!this.deps.storage.background('screen sightings', () => this.deps.screens.recordSightings(sightings))) {
      for (const s of dirty) this.#dirty.add(s);
      return;
    }
    // The next turn's share waits for a push that began meanwhile, like the first.
    if (this.#dirty.size) this.#more = setImmediate(() => this.flush());
  }
}
