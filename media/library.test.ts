import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { MediaLibrary } from './library.ts';
import { MEDIA_MIGRATION } from './migration.ts';
import { mp4 } from './test-fixtures.ts';

const options = { name: 'a.jpg', ownerWard: null, uploadedBy: null, now: 1_700_000_000_000 };

async function gradient(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#08f"/><stop offset="1" stop-color="#f80"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="40%" cy="50%" r="30%" fill="#fff"/></svg>`;
  return sharp(Buffer.from(svg))[format]().toBuffer();
}

describe('MediaLibrary', () => {
  let dir: string;
  let db: Database.Database;
  let library: MediaLibrary;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangtin-library-'));
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY) STRICT;');
    db.exec(MEDIA_MIGRATION);
    library = new MediaLibrary(db, dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const names = () => readdirSync(dir).sort();

  it('keeps EXIF orientation: a portrait photo stored sideways is measured and resized upright', async () => {
    const sideways = await sharp(await gradient(800, 400)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const { record } = await library.ingestBytes(sideways, options);
    expect([record.info.width, record.info.height]).toEqual([400, 800]);
    expect(record.info.files.map((f) => [f.width, f.height])).toEqual([[192, 384], [384, 768], [400, 800]]);
  });

  it('refuses an upload that breaks off, leaving no temporary file', async () => {
    const head = await gradient(900, 500);
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls < 3) controller.enqueue(head.subarray((pulls - 1) * 5000, pulls * 5000));
        else controller.error(new Error('connection reset'));
      },
    });
    await expect(library.ingest(body, options)).rejects.toMatchObject({ status: 400, code: 'upload_incomplete' });
    expect(names()).toEqual([]);
  });

  it('removes the files it wrote when the commit fails', async () => {
    const bytes = await gradient(900, 500);
    await expect(library.ingestBytes(bytes, options, () => { throw new Error('disk full'); })).rejects.toThrow('disk full');
    expect(names()).toEqual([]);
    expect(library.repo.list()).toEqual([]);
  });

  it('keeps a derivative two media share until neither lists it', async () => {
    // Two JPEGs that differ by an application segment that is kept (APP15) resize to the same pixels.
    const a = await gradient(600, 300);
    const b = Buffer.concat([a.subarray(0, 2), Buffer.from([0xff, 0xef, 0x00, 0x04, 0x68, 0x69]), a.subarray(2)]);
    const first = (await library.ingestBytes(a, options)).record;
    const second = (await library.ingestBytes(b, options)).record;
    expect(first.info.id).not.toBe(second.info.id);
    const shared = first.info.files.filter((f) => second.info.files.some((g) => g.sha256 === f.sha256));
    expect(shared.length).toBeGreaterThan(0);
    await library.remove(first.info.id, () => library.repo.delete(first.info.id));
    expect(names()).toEqual(second.info.files.map((f) => f.url.slice(7)).sort());
    await library.remove(second.info.id, () => library.repo.delete(second.info.id));
    expect(names()).toEqual([]);
  });

  it('leaves everything as it was when the delete is refused', async () => {
    const { record } = await library.ingestBytes(mp4(), { ...options, name: 'c.mp4' });
    const before = names();
    await expect(library.remove(record.info.id, () => { throw new MediaError(422, 'in_use', 'no'); })).rejects.toThrow('no');
    expect(names()).toEqual(before);
    expect(library.repo.get(record.info.id)).toBeDefined();
  });

  it('sweeps temporary files and files no medium lists, and nothing else', async () => {
    const { record } = await library.ingestBytes(await gradient(300, 200, 'png'), options);
    writeFileSync(join(dir, '.tmp-leftover'), 'x');
    writeFileSync(join(dir, `${'a'.repeat(64)}.webp`), 'orphan');
    writeFileSync(join(dir, 'README.txt'), 'not ours');
    expect((await library.sweep()).sort()).toEqual(['.tmp-leftover', `${'a'.repeat(64)}.webp`]);
    expect(names()).toEqual([...record.info.files.map((f) => f.url.slice(7)), 'README.txt'].sort());
  });

  it('stores two uploads of the same bytes racing each other once', async () => {
    const bytes = await gradient(700, 400);
    const [x, y] = await Promise.all([library.ingestBytes(bytes, options), library.ingestBytes(bytes, options)]);
    expect([x.created, y.created].sort()).toEqual([false, true]);
    expect(library.repo.list()).toHaveLength(1);
    expect(names()).toEqual(x.record.info.files.map((f) => f.url.slice(7)).sort());
  });
});
