import type { PlayBatch, PlayRepo } from '../repos/plays.ts';
import type { ReceiptRepo } from '../repos/receipts.ts';
import type { StorageHealth } from '../storage/storage.ts';
import { HeldTask } from '../storage/write-hold.ts';

interface PendingPlays extends PlayBatch {
  /** Sends the batch's `playsAck`, once it is stored. */
  ack: () => void;
  /** Called when the batch could not be stored (it will come again). */
  failed: () => void;
}

export interface PendingReceipt {
  scheduleId: string;
  screenId: string;
  shownAt: number;
  receivedAt: number;
}

/** Receipts kept while they cannot be written; far more than one emergency on every screen. */
const MAX_PENDING_RECEIPTS = 100_000;

/**
 * Receipts gather this long and are written in one transaction. Written each turn of the event
 * loop instead, an emergency to 10,000 screens made a commit synced to disk for every turn of
 * its fan-out (some 100), each holding the loop while the disk was busy.
 */
const RECEIPTS_FLUSH_MS = 100;

/** What the hub hands plays and receipts to: HubWrites here, the bus on a gateway. */
export interface PlayerWrites {
  /** Stores a batch, then calls `ack` (the screen's playsAck), or `failed` when it was not stored. */
  plays(batch: PlayBatch, ack: () => void, failed?: () => void): void;
  receipt(r: PendingReceipt): void;
  /** Writes whatever is waiting, now (at shutdown, and at each hub flush when there is no `flushDue`). */
  flush(): void;
  /** The hub's timed flush: writes what is due unless a push is going out (storage/write-hold.ts). */
  flushDue?(): void;
}

export interface HubWritesDeps {
  plays: Pick<PlayRepo, 'insertBatches'>;
  receipts: Pick<ReceiptRepo, 'recordMany'>;
  storage: Pick<StorageHealth, 'background'>;
}

/**
 * What the hub writes as screens talk. Play events wait up to `playsFlushMs` and are written
 * together, one transaction per flush (cheap with synchronous=FULL), and only then acknowledged:
 * a flush that fails acknowledges nothing, so the events stay in the players' queues and come
 * again (a player resends a batch left unacknowledged). Players send a receipt once, so one that
 * cannot be written is kept here and written at the next flush.
 */
export class HubWrites implements PlayerWrites {
  #plays: PendingPlays[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #receipts = new Map<string, PendingReceipt>();
  #receiptsTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Due writes wait for a push going out (storage/write-hold.ts): a transaction of thousands of plays (a
   * city's screens flushing their queues) held the push's turns up (fan-out during ingest,
   * bench/ingest-load.ts), and an emergency's receipts its own fan-out's.
   */
  readonly #playsDue: HeldTask;
  readonly #receiptsDue: HeldTask;

  constructor(
    private readonly deps: HubWritesDeps,
    /** 0 writes each batch at once (tests); otherwise batches gather this long. */
    private readonly playsFlushMs: number,
    /** Whether a push is going out (Audiences.pushing): due writes wait for its end. */
    pushing: () => boolean = () => false,
  ) {
    this.#playsDue = new HeldTask(pushing, () => this.flushPlays());
    this.#receiptsDue = new HeldTask(pushing, () => this.#flushReceipts());
  }

  plays(batch: PlayBatch, ack: () => void, failed: () => void = () => {}): void {
    this.#plays.push({ ...batch, ack, failed });
    if (this.playsFlushMs <= 0) return this.flushPlays();
    if (this.#timer || this.#playsDue.waiting) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#playsDue.due();
    }, this.playsFlushMs);
    this.#timer.unref?.();
  }

  /** Writes the waiting play events in one transaction and acknowledges those stored. */
  flushPlays(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#playsDue.cancel();
    const pending = this.#plays;
    if (!pending.length) return;
    this.#plays = [];
    let results: (Error | null)[] = [];
    if (!this.deps.storage.background('play events', () => (results = this.deps.plays.insertBatches(pending)))) {
      for (const batch of pending) batch.failed();
      return;
    }
    pending.forEach((batch, i) => {
      const error = results[i];
      if (!error) return batch.ack();
      console.warn(`play events of screen ${batch.screenId} not stored: ${error.message}`);
      batch.failed();
    });
  }

  /**
   * Receipts of one emergency arrive from thousands of screens within a second: those of
   * RECEIPTS_FLUSH_MS are written together, one transaction (with `playsFlushMs` 0, at once).
   */
  receipt(r: PendingReceipt): void {
    this.#receipts.set(`${r.scheduleId}|${r.screenId}`, r);
    if (this.#receipts.size > MAX_PENDING_RECEIPTS) this.#receipts.delete(this.#receipts.keys().next().value!);
    if (this.playsFlushMs <= 0) return this.#flushReceipts();
    if (this.#receiptsTimer || this.#receiptsDue.waiting) return;
    this.#receiptsTimer = setTimeout(() => {
      this.#receiptsTimer = null;
      this.#receiptsDue.due();
    }, RECEIPTS_FLUSH_MS);
    this.#receiptsTimer.unref?.();
  }

  /** Writes everything waiting now, push or not (shutdown): play events and receipts. */
  flush(): void {
    this.flushPlays();
    this.#flushReceipts();
  }

  /** Writes what is due unless a push is going out (the hub's timed flush); held writes follow it. */
  flushDue(): void {
    this.#playsDue.due();
    this.#receiptsDue.due();
  }

  #flushReceipts(): void {
    if (this.#receiptsTimer) clearTimeout(this.#receiptsTimer);
    this.#receiptsTimer = null;
    this.#receiptsDue.cancel();
    if (!this.#receipts.size) return;
    const pending = [...this.#receipts.values()];
    this.deps.storage.background('emergency receipts', () => {
      this.deps.receipts.recordMany(pending);
      for (const r of pending) this.#receipts.delete(`${r.scheduleId}|${r.screenId}`);
    });
  }
}
