import {
  PAIRING_POLL_MS,
  PAIRING_SECRET_HEADER,
  PairingStarted,
  PairingState,
  type ScreenSettings,
} from '../playlists/player.ts';
import { browserTimers, type Timers } from './clock.ts';
import { PLAYER_VERSION } from './connection.ts';
import { backoffDelay } from './retry.ts';
import type { PlayerStore } from './store.ts';

export type PairingStatus = 'requesting' | 'waiting' | 'offline';

export interface PairingOptions {
  store: PlayerStore;
  playerVersion: string;
  viewport(): { width: number; height: number };
  /** The code to show (null until the server gave one) and whether the server answers. */
  onCode(code: string | null, status: PairingStatus): void;
  /** Paired: the token is handed over this once; the caller saves it and starts playing. */
  onPaired(token: string, screen: ScreenSettings): void;
  fetch?: typeof fetch;
  timers?: Timers;
  random?: () => number;
}

/**
 * A player without a token: asks the server for a pairing code, shows it, and polls until an
 * operator claims it (`/api/pairing`). The pairing is stored, so a box rebooted meanwhile shows
 * the same code; an expired or unknown one is replaced by a new code at once.
 */
export class PairingClient {
  private timer: unknown = null;
  private failures = 0;
  private stopped = true;
  private readonly timers: Timers;

  constructor(private readonly options: PairingOptions) {
    this.timers = options.timers ?? browserTimers;
  }

  start(): void {
    this.stopped = false;
    const pending = this.options.store.pairing(PairingStarted);
    if (pending) {
      this.options.onCode(pending.code, 'waiting');
      void this.poll(pending);
    } else {
      void this.request();
    }
  }

  stop(): void {
    this.stopped = true;
    this.timers.clear(this.timer);
    this.timer = null;
  }

  private async request(): Promise<void> {
    this.options.onCode(null, 'requesting');
    const { width, height } = this.options.viewport();
    const clamp = (n: number) => Math.min(20_000, Math.max(0, Math.round(n)));
    const res = await this.send('/api/pairing', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ viewport: { width: clamp(width), height: clamp(height) }, playerVersion: this.options.playerVersion }),
    });
    if (this.stopped) return;
    if (res?.status === 201) {
      const started = PairingStarted.safeParse(await res.json().catch(() => null));
      if (started.success) {
        this.failures = 0;
        this.options.store.savePairing(started.data);
        this.options.onCode(started.data.code, 'waiting');
        this.later(() => this.poll(started.data), PAIRING_POLL_MS);
        return;
      }
    }
    this.options.onCode(null, 'offline');
    this.later(() => this.request(), this.retryDelay(res));
  }

  private async poll(pairing: PairingStarted): Promise<void> {
    const res = await this.send(`/api/pairing/${encodeURIComponent(pairing.pairingId)}`, {
      headers: { [PAIRING_SECRET_HEADER]: pairing.secret },
      cache: 'no-store',
    });
    if (this.stopped) return;
    if (res?.status === 200) {
      const state = PairingState.safeParse(await res.json().catch(() => null));
      if (state.success) {
        this.failures = 0;
        if (state.data.status === 'paired') {
          this.stop();
          this.options.store.forgetPairing();
          this.options.onPaired(state.data.token, state.data.screen);
          return;
        }
        this.options.onCode(pairing.code, 'waiting');
        this.later(() => this.poll(pairing), PAIRING_POLL_MS);
        return;
      }
    }
    if (res && (res.status === 400 || res.status === 404 || res.status === 410)) {
      // Expired, collected or unknown (the server's data was reset): start again with a new code.
      this.options.store.forgetPairing();
      void this.request();
      return;
    }
    // The server is unreachable or failing: keep showing the code and keep asking.
    this.options.onCode(pairing.code, 'offline');
    this.later(() => this.poll(pairing), this.retryDelay(res));
  }

  /** A fetch that answers null instead of throwing when the network fails. */
  private async send(path: string, init: RequestInit): Promise<Response | null> {
    try {
      return await (this.options.fetch ?? fetch)(path, { credentials: 'same-origin', ...init });
    } catch {
      return null;
    }
  }

  private retryDelay(res: Response | null): number {
    const retryAfter = Number(res?.headers.get('Retry-After'));
    if (res?.status === 429 && retryAfter > 0) return retryAfter * 1000;
    this.failures += 1;
    return Math.max(PAIRING_POLL_MS, backoffDelay(this.failures, this.options.random));
  }

  private later(fn: () => Promise<void>, ms: number): void {
    this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      if (!this.stopped) void fn();
    }, ms);
  }
}

/**
 * Pairs this screen (controller.ts): shows each code, and once an operator claims it, stores the
 * token and the screen's settings and hands the token on to start playing.
 */
export function pairScreen(store: PlayerStore, onCode: PairingOptions['onCode'], onPaired: (token: string) => void): PairingClient {
  const client = new PairingClient({
    store,
    playerVersion: PLAYER_VERSION,
    viewport: () => ({ width: window.innerWidth, height: window.innerHeight }),
    onCode,
    onPaired: (token, screen) => {
      store.saveToken(token);
      store.saveScreen(screen);
      onPaired(token);
    },
  });
  client.start();
  return client;
}
