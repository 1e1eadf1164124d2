import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { ImageWorker } from './image-worker.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  return condition();
};

/** The image worker (issue 11, item 3): pictures are decoded in a child process that ends when idle. */
describe('ImageWorker', () => {
  let dir: string;
  let photo: string;
  let worker: ImageWorker;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bangtin-image-worker-'));
    photo = join(dir, 'photo.jpg');
    writeFileSync(photo, await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2a6' } }).jpeg().toBuffer());
  });
  afterEach(() => worker.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes the copies in a process of its own, which ends once idle', async () => {
    worker = new ImageWorker({ idleMs: 100 });
    const result = await worker.run({ kind: 'derive', path: photo });
    expect([result.width, result.height]).toEqual([1600, 900]);
    expect(result.derivatives.map((d) => d.width)).toEqual([192, 384, 768, 1280]);
    expect(Buffer.isBuffer(result.derivatives[0]!.bytes)).toBe(true);
    expect((await sharp(result.derivatives[0]!.bytes).metadata()).format).toBe('webp');
    const pid = worker.pid!;
    expect(pid).not.toBe(process.pid);
    expect(worker.lastPeakBytes).toBeGreaterThan(0);
    expect(await until(() => !alive(pid))).toBe(true);
    expect(worker.pid).toBe(null);
    // The next job starts a new process.
    expect((await worker.run({ kind: 'strip', path: photo, type: 'image/jpeg' })).bytes).toBeGreaterThan(0);
    expect(worker.pid).not.toBe(pid);
  });

  it('runs queued jobs in one process, one after another, in order', async () => {
    worker = new ImageWorker({ idleMs: 1_000 });
    const pids = new Set<number>();
    const order: number[] = [];
    await Promise.all([0, 1, 2].map(async (i) => {
      await worker.run({ kind: 'derive', path: photo });
      order.push(i);
      pids.add(worker.pid!);
    }));
    expect(order).toEqual([0, 1, 2]);
    expect(pids.size).toBe(1);
  });

  it("answers the library's refusals as they are", async () => {
    worker = new ImageWorker();
    const text = join(dir, 'text.jpg');
    writeFileSync(text, 'not a picture');
    await expect(worker.run({ kind: 'derive', path: text })).rejects.toMatchObject({ status: 422, code: 'corrupt_image' });
    await expect(worker.run({ kind: 'derive', path: text })).rejects.toBeInstanceOf(MediaError);
  });

  it('fails the job of a process that dies, and starts afresh for the next', async () => {
    worker = new ImageWorker();
    await worker.run({ kind: 'strip', path: photo, type: 'image/jpeg' });
    const job = worker.run({ kind: 'derive', path: photo });
    process.kill(worker.pid!, 'SIGKILL');
    await expect(job).rejects.toThrow(/image worker ended/);
    expect((await worker.run({ kind: 'derive', path: photo })).width).toBe(1600);
  });

  it('stops a job that runs too long and refuses the picture', async () => {
    worker = new ImageWorker({ timeoutMs: 1 });
    await expect(worker.run({ kind: 'derive', path: photo })).rejects.toMatchObject({ status: 422, code: 'media_too_complex' });
    expect(worker.pid).toBe(null);
  });
});
