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

const status = (id: string, name: string) => ({
  id, name, ward: null, wardCode: null, locationKind: 'park', tags: [], connected: false, lastSeenAt: null,
  manifestVersion: null, expectedVersion: 'v1', playerVersion: null, viewport: null, state: 'never', sync: 'unknown',
  connectedAt: null, uptimeMs: null, playing: null, device: null, alert: null, command: null,
});

describe('FleetFeed', () => {
  afterEach(() => vi.useRealTimers());

  function setup() {
    const sources: FakeSource[] = [];
    const events = { changes: 0, errors: 0 };
    const feed = new FleetFeed(() => events.changes++, () => events.errors++, (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    });
    return { sources, events, feed };
  }

  it('replaces everything on a snapshot and only the named screens on an update', () => {
    const { sources, feed } = setup();
    feed.start();
    expect(sources[0]!.url).toBe('/api/screens/events');
    sources[0]!.emit('snapshot', { screens: [status('a', 'A'), status('b', 'B')], settings: { graceMs: 60_000, alertAfterMs: 600_000 } });
    sources[0]!.emit('screens', { screens: [status('b', 'B mới'), status('c', 'C')] });
    expect([...feed.screens.values()].map((s) => s.name)).toEqual(['A', 'B mới', 'C']);
    sources[0]!.emit('snapshot', { screens: [status('c', 'C')], settings: { graceMs: 60_000, alertAfterMs: 600_000 } });
    expect([...feed.screens.keys()]).toEqual(['c']);
    expect(feed.settings?.alertAfterMs).toBe(600_000);
  });

  it('drops the screens a removed event names (retired), and one this page retired at once', () => {
    const { sources, feed, events } = setup();
    feed.start();
    sources[0]!.emit('snapshot', { screens: [status('a', 'A'), status('b', 'B'), status('c', 'C')], settings: { graceMs: 60_000, alertAfterMs: 600_000 } });
    sources[0]!.emit('removed', { ids: ['b'] });
    expect([...feed.screens.keys()]).toEqual(['a', 'c']);
    const changes = events.changes;
    feed.remove('c');
    feed.remove('c');
    expect([...feed.screens.keys()]).toEqual(['a']);
    expect(events.changes).toBe(changes + 1);
    sources[0]!.emit('removed', { ids: 'a' });
    expect(feed.screens.size).toBe(1);
  });

  it('ignores frames that do not parse', () => {
    const { sources, feed, events } = setup();
    feed.start();
    sources[0]!.emit('screens', { screens: [{ id: 'x' }] });
    sources[0]!.listeners.get('screens')!({ data: 'not json' } as MessageEvent<string>);
    expect(feed.screens.size).toBe(0);
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
