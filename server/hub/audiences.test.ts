import { describe, expect, it } from 'vitest';
import type { AudienceScreen, BuiltManifest } from '../publishing/manifests.ts';
import { Audiences, type AudienceMember } from './audiences.ts';

/** Every screen in one audience whose manifest is `version`. */
function fakeManifests(state: { version: string; views: number }) {
  return {
    view() {
      state.views += 1;
      const version = state.version;
      return {
        audienceOf: () => 'all',
        forAudience: (): BuiltManifest => ({ version, manifest: {} as BuiltManifest['manifest'], frame: Buffer.from(version) }),
      };
    },
  };
}

const screen = (id: string) => ({ id, wardCode: null, locationKind: 'park', tags: [] }) as unknown as AudienceScreen;
const member = (): AudienceMember => ({ screen: null, audience: null, sentVersion: null, ackedVersion: null, patches: false, resyncedVersion: null });
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Audiences: the chunked fan-out', () => {
  function setUp(n: number) {
    const state = { version: 'v1', views: 0 };
    const audiences = new Audiences(fakeManifests(state));
    const members = Array.from({ length: n }, (_, i) => {
      const m = member();
      m.screen = screen(`s${i}`);
      audiences.join(m, m.screen);
      return m;
    });
    const sent: string[] = [];
    const send = (m: AudienceMember, frame: Buffer) => (sent.push(`${m.screen!.id}:${frame.toString()}`), true);
    return { state, audiences, members, sent, send };
  }

  it('sends the first chunk at once and the rest one chunk per turn, from one view', async () => {
    const { state, audiences, members, sent, send } = setUp(5);
    state.version = 'v2';
    state.views = 0;
    expect(audiences.push(members, send, 2)).toEqual({ audiences: 1, sent: 2 });
    expect(sent).toEqual(['s0:v2', 's1:v2']);
    await turn();
    expect(sent).toHaveLength(4);
    await turn();
    expect(sent).toEqual(['s0:v2', 's1:v2', 's2:v2', 's3:v2', 's4:v2']);
    expect(state.views).toBe(1);
  });

  it('ends a turn once its time is up, looking at the clock every 32 screens', async () => {
    const { state, audiences, members, sent } = setUp(100);
    state.version = 'v2';
    // Each send takes 0.5 ms: a turn of 5 ms stops at the first look at the clock past it.
    const slow = (m: AudienceMember, frame: Buffer) => {
      const until = performance.now() + 0.5;
      while (performance.now() < until);
      sent.push(`${m.screen!.id}:${frame.toString()}`);
      return true;
    };
    expect(audiences.push(members, slow, 500, 5)).toEqual({ audiences: 1, sent: 32 });
    for (let i = 0; i < 4; i++) await turn();
    expect(sent).toHaveLength(100);
  });

  it('lets a newer push take over, sending each screen the newest version once', async () => {
    const { state, audiences, members, sent, send } = setUp(4);
    state.version = 'v2';
    audiences.push(members, send, 2);
    state.version = 'v3';
    audiences.push(members, send, 2);
    for (let i = 0; i < 4; i++) await turn();
    expect(sent).toEqual(['s0:v2', 's1:v2', 's0:v3', 's1:v3', 's2:v3', 's3:v3']);
  });

  it('skips a screen that left while the push was going out', async () => {
    const { state, audiences, members, sent, send } = setUp(3);
    state.version = 'v2';
    audiences.push(members, send, 1);
    audiences.leave(members[2]!);
    await turn();
    await turn();
    expect(sent).toEqual(['s0:v2', 's1:v2']);
    expect(members[2]!.audience).toBeNull();
  });
});
