/** The longest due writes wait for a push to go out, and how often they look again. */
export const WRITES_HOLD_MS = 2_000;
export const WRITES_RECHECK_MS = 10;

/**
 * Keeps the server's timed writes (play events, emergency receipts, screen sightings, connection
 * sessions) off a push's turns. After a fan-out to 10,000 screens every one of them acked, so
 * the next 5 s flush wrote 10,000 sightings and 10,000 sessions: some 80 ms of transactions
 * synced to disk, and in about one round in three they landed while the next push was going
 * out, between its turns (CPU profile of the 10,000-screen bench; an emergency's receipts did
 * the same every 100 ms of its own fan-out). A write that is due while a push goes out waits
 * for its end, WRITES_HOLD_MS at most; nothing that waits is acknowledged before it is written.
 */
export class PushHold {
  /** Since when the due write has waited (null: it is not waiting). */
  #since: number | null = null;

  constructor(
    /** Whether a push is going out now (Audiences.pushing). */
    private readonly pushing: () => boolean,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Whether a write due now waits (look again in WRITES_RECHECK_MS); false: write it now. */
  holds(): boolean {
    const now = this.now();
    if (this.pushing() && now - (this.#since ??= now) < WRITES_HOLD_MS) return true;
    this.#since = null;
    return false;
  }
}

/** `run` now, or once the hold lets it (rechecking every WRITES_RECHECK_MS); one timer at a time. */
export class HeldTask {
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #hold: PushHold;

  constructor(
    pushing: () => boolean,
    private readonly run: () => void,
  ) {
    this.#hold = new PushHold(pushing);
  }

  /** Runs the task now unless a push holds it; a held task runs later on its own. */
  readonly due = (): void => {
    this.cancel();
    if (!this.#hold.holds()) return this.run();
    this.#timer = setTimeout(this.due, WRITES_RECHECK_MS);
    this.#timer.unref?.();
  };

  /** Whether the task waits for a push to end. */
  get waiting(): boolean {
    return this.#timer !== null;
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
