import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { patchedManifest, ServerMessage, type Manifest, type ManifestPatch } from '../../playlists/index.ts';
import { canonicalJson, sha256Hex } from '../canonical.ts';
import { hashToken } from '../ids.ts';
import { connectPlayer, createTestApp, lastManifest, slogan, type FakePlayer, type TestApp } from '../testing/helpers.ts';

const sha256 = async (text: string) => sha256Hex(text);

/** The manifest the server says the demo screen should have, as canonical JSON. */
function expected(t: TestApp): string {
  const screen = t.services.screens.list()[0]!;
  const view = t.services.manifests.view();
  return canonicalJson(view.forAudience(view.audienceOf(screen)).manifest);
}

/** Edits the demo's `n`-th item and publishes (the hub pushes at once in tests). */
function publishEdit(t: TestApp, n: number, text: string): void {
  const items = t.services.content.list().filter((e) => e.item.kind === 'slogan');
  const id = items[n % items.length]!.item.id;
  t.services.content.update(id, slogan(text), t.clock.now());
  t.services.reviews.approve(id, null, t.clock.now(), ['approved']);
  t.services.publisher.publish(null);
}

describe('Hub: manifest patches [P3] [P4] [P5]', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
  });

  const framesSince = (p: FakePlayer, n: number) => p.socket.frames.slice(n).map((f) => ServerMessage.parse(JSON.parse(f.toString())));

  it('sends a screen that acknowledged the last version a patch, smaller than the manifest, the same bytes to each', async () => {
    const token = 'second-screen-token-0123456789';
    t.services.screens.insert({ id: 's_second', name: 'Công viên Thống Nhất', ward: null, locationKind: 'park', tags: [] }, hashToken(token), t.clock.now());
    const [a, b] = [connectPlayer(t, { patches: true }), connectPlayer(t, { token, patches: true })];
    const held = lastManifest(a);
    for (const p of [a, b]) p.send({ type: 'ack', version: lastManifest(p).version });
    const before = a.socket.frames.length;
    publishEdit(t, 0, 'Học nghề – lập nghiệp – lập thân');
    expect(b.socket.frames.at(-1)).toBe(a.socket.frames.at(-1));
    const [msg] = framesSince(a, before);
    if (msg?.type !== 'patch') throw new Error(`expected a patch, got ${msg?.type}`);
    const patch = msg.patch as ManifestPatch;
    expect(patch.base).toBe(held.version);
    expect(patch.items?.put).toHaveLength(1);
    expect(a.socket.frames.at(-1)!.length * 3).toBeLessThan(a.socket.frames[before - 1]!.length);
    const next = await patchedManifest(held, msg.patch, sha256);
    expect(canonicalJson(next)).toBe(expected(t));
  });

  it('sends the whole manifest to a screen that did not acknowledge, or does not take patches', () => {
    const slow = connectPlayer(t, { patches: true });
    const old = connectPlayer(t, { token: t.demoToken, patches: false });
    expect(slow.socket.closed?.code).toBe(4004); // the same screen: replaced, as usual
    const before = old.socket.frames.length;
    old.send({ type: 'ack', version: lastManifest(old).version });
    publishEdit(t, 0, 'Tin một');
    expect(framesSince(old, before).map((m) => m.type)).toEqual(['manifest']);
    // Patches on, but the last version sent was not acknowledged: behind by two, the whole manifest.
    const behind = connectPlayer(t, { patches: true });
    publishEdit(t, 1, 'Tin hai');
    const n = behind.socket.frames.length;
    publishEdit(t, 2, 'Tin ba');
    expect(framesSince(behind, n).map((m) => m.type)).toEqual(['manifest']);
  });

  it('sends a protocol 1 player the whole manifest, whatever its hello says', () => {
    const old = connectPlayer(t, { protocol: 1, patches: true });
    old.send({ type: 'ack', version: lastManifest(old).version });
    const n = old.socket.frames.length;
    publishEdit(t, 0, 'Tin một');
    expect(framesSince(old, n).map((m) => m.type)).toEqual(['manifest']);
  });

  it('answers resync with the whole manifest', () => {
    const a = connectPlayer(t, { patches: true });
    a.send({ type: 'ack', version: lastManifest(a).version });
    publishEdit(t, 0, 'Tin một');
    const n = a.socket.frames.length;
    a.send({ type: 'resync', version: null });
    const [msg] = framesSince(a, n);
    expect(msg?.type).toBe('manifest');
    expect(canonicalJson(lastManifest(a))).toBe(expected(t));
    // Asked again for the version it was just sent whole: nothing more, however often.
    const m = a.socket.frames.length;
    for (let i = 0; i < 5; i++) a.send({ type: 'resync', version: null });
    expect(framesSince(a, m)).toEqual([]);
    // The next version it cannot patch is answered again.
    publishEdit(t, 1, 'Tin hai');
    const k = a.socket.frames.length;
    a.send({ type: 'resync', version: null });
    expect(framesSince(a, k).map((f) => f.type)).toEqual(['manifest']);
  });
});

type Loss = 'link' | 'frame' | 'corrupt' | 'ack';

/**
 * A player as the real one behaves on the wire (player/connection.ts), with frames lost: it
 * applies manifests and patches (the shared `patchedManifest`, hashed with node:crypto here,
 * Web Crypto in the browser), acks, and asks again when a patch does not fit.
 */
class LossyPlayer {
  held: Manifest | null = null;
  player: FakePlayer | null = null;
  #read = 0;
  /** Frames of each kind this player used, and resyncs it asked for. */
  static readonly seen = { manifest: 0, patch: 0, resync: 0 };

  constructor(private readonly t: TestApp) {}

  connect(): void {
    this.player = connectPlayer(this.t, { patches: true, manifestVersion: this.held?.version ?? null });
    this.#read = 0;
  }

  /**
   * Reads what came; `lose(kind)` says whether to lose a frame — `link`: the connection drops;
   * `frame`: it never arrives; `corrupt`: a patch arrives damaged; `ack`: the ack does not go out.
   */
  async drain(lose: (kind: Loss) => boolean): Promise<void> {
    while (this.player && this.#read < this.player.socket.frames.length) {
      const raw = this.player.socket.frames[this.#read++]!;
      if (lose('link')) return this.disconnect();
      if (lose('frame')) continue;
      const msg = ServerMessage.parse(JSON.parse(raw.toString()));
      let next: Manifest | null = null;
      if (msg.type === 'manifest' || msg.type === 'patch') LossyPlayer.seen[msg.type] += 1;
      if (msg.type === 'manifest') next = msg.manifest;
      else if (msg.type === 'patch') {
        const sent = msg.patch as ManifestPatch;
        const patch = lose('corrupt') ? { ...sent, revision: (sent.revision ?? 0) + 1 } : sent;
        next = this.held ? await patchedManifest(this.held, patch, sha256) : null;
        if (!next) {
          LossyPlayer.seen.resync += 1;
          this.player.send({ type: 'resync', version: this.held?.version ?? null });
          continue;
        }
      } else continue;
      this.held = next;
      if (!lose('ack')) this.player.send({ type: 'ack', version: next.version });
    }
  }

  disconnect(): void {
    this.player?.handlers.close();
    this.player = null;
  }
}

describe('Hub and player: random edits, random loss [P6]', () => {
  it('the player always ends on the server’s manifest byte for byte', async () => {
    const t = await createTestApp({ admin: false });
    const step = fc.record({
      edit: fc.nat(5),
      text: fc.constantFrom('Học nghề', 'Lập nghiệp', 'Tay nghề vững', 'Việc làm tốt', 'Ngày Kỹ năng lao động'),
      loss: fc.array(fc.constantFrom<Loss | 'none'>('frame', 'corrupt', 'ack', 'link', 'none', 'none', 'none'), { maxLength: 6 }),
    });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const p = new LossyPlayer(t);
        p.connect();
        await p.drain(() => false);
        for (const s of steps) {
          publishEdit(t, s.edit, `${s.text} ${++round}`);
          // Each frame read takes the next entry of the step's losses, whatever the kind asked.
          const losses: (Loss | 'none')[] = [...s.loss];
          let current: Loss | 'none' | undefined;
          await p.drain((kind) => {
            if (kind === 'link') current = losses.shift();
            return current === kind;
          });
          if (!p.player) p.connect();
          await p.drain(() => false);
        }
        // One more publish, nothing lost: whatever was missed before, the player ends current.
        publishEdit(t, 0, `Tin cuối ${++round}`);
        await p.drain(() => false);
        expect(canonicalJson(p.held)).toBe(expected(t));
        p.disconnect();
      }),
      { numRuns: 40 },
    );
    // Every path was taken: patches, whole manifests after a loss, and resyncs after a bad patch.
    expect(LossyPlayer.seen.patch).toBeGreaterThan(40);
    expect(LossyPlayer.seen.manifest).toBeGreaterThan(40);
    expect(LossyPlayer.seen.resync).toBeGreaterThan(0);
  });
});
