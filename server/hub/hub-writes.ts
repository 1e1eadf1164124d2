import type { PlayBatch, PlayRepo } from '../repos/plays.ts';
import type { ReceiptRepo } from '../repos/receipts.ts';
import type { StorageHealth } from '../storage/storage.ts';

interface PendingPlays extends PlayBatch {
  /** Sends the batch's `playsAck`, once it is stored. */
  ack: () => void;
  /** Called when the batch could not be stored (it will come again). */
  failed: () => void;
}

interface PendingReceipt {
  scheduleId: string;
  screenId: string;
  shownAt: number;
  receivedAt: number;
}

/** Receipts kept while they cannot be written; far more than one emergency on every screen. */
const MAX_PENDING_RECEIPTS = 100_000;

export interface HubWritesDeps {
  plays: Pick<PlayRepo, 'insertBatches'>;
  receipts: Pick<ReceiptRepo, 'record'>;
  storage: Pick<StorageHealth, 'background'>;
}

/**
 * What the hub writes as screens talk. Play events wait up to `playsFlushMs` and are written
 * together, one transaction per flush (cheap with synchronous=FULL), and only then acknowledged:
 * a flush that fails acknowledges nothing, so the events stay in the players' queues and come
 * again (a player resends a batch left unacknowledged). Players send a receipt once, so one that
 * cannot be written is kept here and written at the next flush.
 */
export class HubWrites {
  #plays: PendingPlays[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #receipts = new Map<string, PendingReceipt>();

  constructor(
    private readonly deps: HubWritesDeps,
    /** 0 writes each batch at once (tests); otherwise batches gather this long. */
    private readonly playsFlushMs: number,
  ) {}

  plays(batch: PlayBatch, ack: () => void, failed: () => void = () => {}): void {
    this.#plays.push({ ...batch, ack, failed });
    if (this.playsFlushMs <= 0) return this.flushPlays();
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.flushPlays(), this.playsFlushMs);
    this.#timer.unref?.();
  }

  /** Writes the waiting play events in one transaction and acknowledges those stored. */
  flushPlays(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
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

  receipt(r: PendingReceipt): void {
    this.#receipts.set(`${r.scheduleId}|${r.screenId}`, r);
    if (this.#receipts.size > MAX_PENDING_RECEIPTS) this.#receipts.delete(this.#receipts.keys().next().value!);
    this.#flushReceipts();
  }

  /** Writes everything waiting: play events, and receipts an earlier write failed to save. */
  flush(): void {
    this.flushPlays();
    this.#flushReceipts();
  }

  #flushReceipts(): void {
    if (!this.#receipts.size) return;
    this.deps.storage.background('emergency receipts', () => {
      for (const [key, r] of this.#receipts) {
        this.deps.receipts.record(r.scheduleId, r.screenId, r.shownAt, r.receivedAt);
        this.#receipts.delete(key);
      }
    });
  }
}
