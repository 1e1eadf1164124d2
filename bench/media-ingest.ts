// Times the media library with a 12 MP camera-sized JPEG: the whole upload through the HTTP
// route (stream, sniff, hash, probe, six WebP copies, store, database), then each step on its
// own. Not a test: `npx tsx bench/media-ingest.ts [--runs 3]`. Last line: one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { pickFile, type MediaEntry } from '../playlists/index.ts';
import { makeDerivatives, probeImage } from '../media/images.ts';
import { createTestApp, signIn } from '../server/testing/helpers.ts';
import { upload } from '../server/testing/media.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A photo-like 4000×3000 picture: soft shapes under fine grain, so JPEG and WebP work as on a real photo. */
async function cameraPhoto(seed: number): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="#8fb8de"/><stop offset="1" stop-color="#c58b4f"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    ${Array.from({ length: 40 }, (_, i) => `<circle cx="${(i * 977 + seed * 131) % width}" cy="${(i * 613 + seed * 71) % height}" r="${80 + ((i * 37) % 400)}" fill="hsl(${(i * 47 + seed) % 360},55%,${35 + (i % 4) * 10}%)" opacity="0.7"/>`).join('')}
  </svg>`;
  const grain = Buffer.alloc(width * height);
  let x = seed * 2654435761;
  for (let i = 0; i < grain.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    grain[i] = 96 + ((x >>> 24) % 64);
  }
  const texture = await sharp(grain, { raw: { width, height, channels: 1 } }).blur(0.5).toColourspace('srgb').png().toBuffer();
  return sharp(Buffer.from(svg)).composite([{ input: texture, blend: 'overlay' }]).jpeg({ quality: 92, chromaSubsampling: '4:2:0' }).toBuffer();
}

const dir = mkdtempSync(join(tmpdir(), 'bangtin-media-bench-'));
try {
  const t = await createTestApp({ mediaDir: dir, seed: false });
  const cookie = await signIn(t);
  const uploads: number[] = [];
  const probes: number[] = [];
  const derivatives: number[] = [];
  let last: MediaEntry | null = null;
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const photo = await cameraPhoto(run + 1);
    bytes = photo.length;
    let start = performance.now();
    const res = await upload(t, photo, { cookie, name: `camera-${run}.jpg` });
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    uploads.push(performance.now() - start);
    last = (await res.json()) as MediaEntry;
    start = performance.now();
    const size = await probeImage(photo);
    probes.push(performance.now() - start);
    start = performance.now();
    await makeDerivatives(photo, size.width);
    derivatives.push(performance.now() - start);
    console.log(`run ${run + 1}: ${(photo.length / 1e6).toFixed(1)} MB JPEG, upload ${uploads.at(-1)!.toFixed(0)} ms (probe ${probes.at(-1)!.toFixed(0)} ms, derivatives ${derivatives.at(-1)!.toFixed(0)} ms)`);
  }
  const files = last!.files.map((f) => `${f.width}×${f.height} ${f.type.slice(6)} ${(f.bytes / 1024).toFixed(0)} KB`);
  console.log(`files: ${files.join(', ')}`);
  console.log(JSON.stringify({
    megapixels: 12,
    jpegBytes: bytes,
    uploadMsMedian: Math.round(median(uploads)),
    derivativesMsMedian: Math.round(median(derivatives)),
    probeMsMedian: Math.round(median(probes)),
    runs,
    bytesFor192x96: pickFile(last!, 192, 96).bytes,
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
