import { describe, expect, it, vi } from 'vitest';
import { resolve, type PlayEvent } from '../playlists/index.ts';
import { proofOfPlay } from './proof-of-play.ts';
import { PlayerStore } from './store.ts';
import { DAY_START, MemoryStorage, manifest, slogan } from './test-fixtures.ts';

const m = manifest([slogan('a', 8_000), slogan('b', 8_000)]);
const play = resolve(m, DAY_START).main;

function proof() {
  const sent: PlayEvent[] = [];
  const p = proofOfPlay(new PlayerStore(new MemoryStorage()), () => DAY_START + 8_000, () => 'scr-1');
  const send = (events: PlayEvent[]) => {
    sent.push(...events);
    return true;
  };
  return { p, sent, send };
}

describe('proofOfPlay', () => {
  it('queues a play as its item leaves the screen and sends it once the sender loaded, if online', async () => {
    const { p, sent, send } = proof();
    p.recorder.showing(play);
    p.recorder.finish();
    expect(p.queue.peek(10).map((e) => e.itemId)).toEqual(['a']);
    p.startSending(Promise.resolve(), send, () => true);
    await vi.waitFor(() => expect(sent.map((e) => e.screenId)).toEqual(['scr-1']));
  });

  it('never starts a sender that was still loading when sending stopped', async () => {
    const stopped = proof();
    const running = proof();
    for (const { p, send } of [stopped, running]) {
      p.recorder.showing(play);
      p.recorder.finish();
      p.startSending(Promise.resolve(), send, () => true);
    }
    stopped.p.stopSending();
    await vi.waitFor(() => expect(running.sent).toHaveLength(1));
    expect(stopped.sent).toEqual([]);
  });

  it('forgets the queue and the item on screen when the screen is unregistered', () => {
    const { p } = proof();
    p.recorder.showing(play);
    p.recorder.finish();
    p.recorder.showing(play);
    p.forget();
    p.recorder.finish();
    expect(p.queue.peek(10)).toEqual([]);
  });
});
