import { afterEach, describe, expect, it, vi } from 'vitest';
import { FleetFeed, RETRY_MS, type EventSourceLike } from './fleet-feed.ts';

class FakeSource implements EventSourceLike {
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  onopen: ((event: Event) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, (event: MessageEvent<string>) => void>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
}

describe('FleetFeed', () => {
  afterEach(() => vi.useRealTimers());

  function setup() {
    const sources: FakeSource[] = [];
    const events = { changes: 0, errors: 0, seen: [] as (string[] | null)[] };
    const feed = new FleetFeed((ids) => {
      events.changes++;
      events.seen.push(ids);
    }, () => events.errors++, (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    });
    return { sources, events, feed };
  }

  it('asks for ids only; a snapshot asks for the whole page again, a change names its screens', () => {
    const { sources, feed, events } = setup();
    feed.start();
    expect(sources[0]!.url).toBe('/api/screens/events?changes=ids');
    sources[0]!.emit('snapshot', { screens: [], settings: { graceMs: 60_000, alertAfterMs: 600_000 } });
    sources[0]!.emit('changed', { ids: ['s_b', 's_c'] });
    expect(events.seen).toEqual([null, ['s_b', 's_c']]);
    expect(feed.settings?.alertAfterMs).toBe(600_000);
    expect(feed.live).toBe(true);
  });

  it('reads the page again for screens that left the fleet (removed: retired), and for one this page retired', () => {
    const { sources, feed, events } = setup();
    feed.start();
    sources[0]!.emit('snapshot', { screens: [], settings: { graceMs: 60_000, alertAfterMs: 600_000 } });
    sources[0]!.emit('removed', { ids: ['s_b'] });
    feed.remove('s_c');
    sources[0]!.emit('removed', { ids: 's_a' });
    expect(events.seen).toEqual([null, ['s_b'], ['s_c']]);
  });

  it('ignores frames that do not parse', () => {
    const { sources, feed, events } = setup();
    feed.start();
    sources[0]!.emit('changed', { ids: [42] });
    sources[0]!.listeners.get('changed')!({ data: 'not json' } as MessageEvent<string>);
    expect(events.changes).toBe(0);
  });

  it('reports a refused stream and opens a new one later; a network blip is left to EventSource', () => {
    vi.useFakeTimers();
    const { sources, feed, events } = setup();
    feed.start();
    sources[0]!.onerror!(new Event('error')); // still CONNECTING: EventSource retries by itself
    expect(events.errors).toBe(0);
    sources[0]!.readyState = 2;
    sources[0]!.onerror!(new Event('error'));
    expect(events.errors).toBe(1);
    vi.advanceTimersByTime(RETRY_MS);
    expect(sources).toHaveLength(2);
    expect(sources[0]!.closed).toBe(true);
    feed.stop();
    expect(sources[1]!.closed).toBe(true);
  });
});
