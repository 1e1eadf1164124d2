import { toLocalIso } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { AlertEvent } from './fleet.ts';

/** The JSON body posted to `BANGTIN_ALERT_WEBHOOK`. */
export interface WebhookPayload {
  event: 'screen_offline' | 'screen_back';
  screen: { id: string; name: string; ward: string | null };
  /** When the screen went offline (ISO 8601 with offset). */
  since: string | null;
  /** When the alert was raised or cleared. */
  at: string;
}

export interface WebhookOptions {
  url: string;
  clock: Clock;
  /** Per attempt. */
  timeoutMs?: number;
  tries?: number;
  /** Wait before the second attempt; doubles for each further one. */
  backoffMs?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

/**
 * Posts fleet alerts (raised, cleared) to an operator's webhook. Each post runs on its own, with
 * a timeout per attempt and retries with backoff; it never blocks or fails the fleet loop, and
 * a failure is logged with the webhook's origin only (its path or query often holds a secret).
 */
export class AlertWebhook {
  readonly #o: Required<Omit<WebhookOptions, 'fetch' | 'log'>> & Pick<WebhookOptions, 'fetch' | 'log'>;
  /** When each alerted screen went offline, so `screen_back` can say since when. */
  readonly #since = new Map<string, string | null>();
  readonly #pending = new Set<Promise<boolean>>();

  constructor(options: WebhookOptions) {
    this.#o = { timeoutMs: 5_000, tries: 3, backoffMs: 1_000, ...options };
  }

  /** The fleet's `onAlert`: starts the post and returns at once. */
  readonly notify = (event: AlertEvent): void => {
    const p = this.send(event).finally(() => this.#pending.delete(p));
    this.#pending.add(p);
  };

  /** Posts one event; resolves true when the webhook answered 2xx within the tries. */
  async send({ type, screen }: AlertEvent): Promise<boolean> {
    const since = (type === 'raised' ? screen.alert?.since : this.#since.get(screen.id)) ?? screen.lastSeenAt;
    if (type === 'raised') this.#since.set(screen.id, since);
    else this.#since.delete(screen.id);
    const payload: WebhookPayload = {
      event: type === 'raised' ? 'screen_offline' : 'screen_back',
      screen: { id: screen.id, name: screen.name, ward: screen.ward ?? null },
      since,
      at: toLocalIso(this.#o.clock.now()),
    };
    const body = JSON.stringify(payload);
    let failure = '';
    for (let attempt = 0; attempt < this.#o.tries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.#o.backoffMs * 2 ** (attempt - 1)));
      try {
        const res = await (this.#o.fetch ?? fetch)(this.#o.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(this.#o.timeoutMs),
        });
        await res.body?.cancel().catch(() => undefined);
        if (res.ok) return true;
        failure = `HTTP ${res.status}`;
      } catch (err) {
        failure = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'network error';
      }
    }
    (this.#o.log ?? console.warn)(`alert webhook: ${payload.event} for screen ${screen.id} not delivered to ${originOf(this.#o.url)} after ${this.#o.tries} tries (${failure})`);
    return false;
  }

  /** Waits for the posts under way (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.#pending]);
  }
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return 'the webhook';
  }
};
