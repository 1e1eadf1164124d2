import { FleetChanged, FleetRemoved, FleetSnapshot, type FleetSettings } from '../playlists/index.ts';

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
 * Tells the screens view when the fleet changed, over `GET /api/screens/events?changes=ids`:
 * the snapshot (at every (re)connect) says "read your page again" (`onChange(null)`), a change
 * names the screens that changed or left the fleet (`onChange(ids)`); the page itself comes from
 * `GET /api/screens`, so a fleet of thousands never travels to the browser whole.
 * `EventSource` reconnects by itself after a network error; a refused stream (401) is reported
 * through `onError` and tried again later.
 */
export class FleetFeed {
  settings: FleetSettings | null = null;
  /** Whether the live stream is open now. */
  live = false;
  #source: EventSourceLike | null = null;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly onChange: (ids: string[] | null) => void,
    private readonly onError: () => void,
    private readonly open: (url: string) => EventSourceLike = (url) => new EventSource(url, { withCredentials: true }),
  ) {}

  start(): void {
    this.stop();
    const source = this.open('/api/screens/events?changes=ids');
    this.#source = source;
    source.addEventListener('snapshot', (e) => this.apply('snapshot', e.data));
    source.addEventListener('changed', (e) => this.apply('changed', e.data));
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
  apply(event: 'snapshot' | 'changed' | 'removed', data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    if (event === 'snapshot') {
      const parsed = FleetSnapshot.safeParse(json);
      if (!parsed.success) return;
      this.settings = parsed.data.settings;
      this.live = true;
      this.onChange(null);
    } else {
      // A screen that left the fleet (retired) is a change too: the page is read again without it.
      const parsed = (event === 'removed' ? FleetRemoved : FleetChanged).safeParse(json);
      if (!parsed.success) return;
      this.onChange(parsed.data.ids);
    }
  }

  /** A screen this page retired: the page is read again without waiting for the stream to say so. */
  remove(id: string): void {
    this.onChange([id]);
  }

  #setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    this.onChange([]);
  }
}
