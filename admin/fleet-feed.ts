import { FleetRemoved, FleetSnapshot, FleetUpdate, type FleetSettings, type ScreenStatus } from '../playlists/index.ts';

/** What the feed needs from `EventSource`; tests hand it a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onerror: ((event: Event) => void) | null;
  onopen: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

const CLOSED = 2;
/** After the stream was refused (e.g. the session expired), try again this much later. */
export const RETRY_MS = 10_000;

/**
 * The screens view's live copy of every screen's status, fed by `GET /api/screens/events`:
 * a snapshot replaces everything, an update replaces the screens it names, `removed` drops
 * screens that left the fleet (retired). `EventSource`
 * reconnects by itself after a network error (and the server sends a fresh snapshot); a refused
 * stream (401) is reported through `onError` and tried again later.
 */
export class FleetFeed {
  readonly screens = new Map<string, ScreenStatus>();
  settings: FleetSettings | null = null;
  /** Whether the live stream is open now. */
  live = false;
  #source: EventSourceLike | null = null;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly onChange: () => void,
    private readonly onError: () => void,
    private readonly open: (url: string) => EventSourceLike = (url) => new EventSource(url, { withCredentials: true }),
  ) {}

  start(): void {
    this.stop();
    const source = this.open('/api/screens/events');
    this.#source = source;
    source.addEventListener('snapshot', (e) => this.apply('snapshot', e.data));
    source.addEventListener('screens', (e) => this.apply('screens', e.data));
    source.addEventListener('removed', (e) => this.apply('removed', e.data));
    source.onopen = () => this.#setLive(true);
    source.onerror = () => {
      this.#setLive(false);
      if (source.readyState !== CLOSED) return;
      this.onError();
      this.#retry = setTimeout(() => this.start(), RETRY_MS);
    };
  }

  stop(): void {
    clearTimeout(this.#retry);
    this.#source?.close();
    this.#source = null;
    this.live = false;
  }

  /** Applies one event's data; frames that do not parse are ignored. */
  apply(event: 'snapshot' | 'screens' | 'removed', data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    if (event === 'snapshot') {
      const parsed = FleetSnapshot.safeParse(json);
      if (!parsed.success) return;
      this.screens.clear();
      for (const s of parsed.data.screens) this.screens.set(s.id, s);
      this.settings = parsed.data.settings;
      this.live = true;
    } else if (event === 'removed') {
      const parsed = FleetRemoved.safeParse(json);
      if (!parsed.success) return;
      for (const id of parsed.data.ids) this.screens.delete(id);
    } else {
      const parsed = FleetUpdate.safeParse(json);
      if (!parsed.success) return;
      for (const s of parsed.data.screens) this.screens.set(s.id, s);
    }
    this.onChange();
  }

  /** Drops a screen this page retired, without waiting for the stream to say so. */
  remove(id: string): void {
    if (this.screens.delete(id)) this.onChange();
  }

  #setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    this.onChange();
  }
}
