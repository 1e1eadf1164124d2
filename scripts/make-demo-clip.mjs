// Makes server/seed/demo-media/demo-clip.webm, the demo video seeded on first start: 7 s of
// animated shapes (a turning gear, rising bars, people joining a path to a check mark), drawn
// on a canvas in Chromium and recorded with MediaRecorder. Original content, no text.
//
// Older Chromium MediaRecorders write no Duration, and bangtin refuses a video it cannot time,
// so the script adds Segment/Info/Duration (from the last block's timestamp) when it is
// missing; newer ones (with a SeekHead and Cues) write it themselves. Run it once:
//   node scripts/make-demo-clip.mjs [out.webm]
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright';

const OUT = process.argv[2] ?? 'server/seed/demo-media/demo-clip.webm';
const WIDTH = 640;
const HEIGHT = 360;
const FPS = 30;
const SECONDS = 7;

const page = `<!doctype html><canvas width="${WIDTH}" height="${HEIGHT}"></canvas>`;

/** Runs in the page: draws the animation in real time while MediaRecorder records it. */
async function record({ width, height, fps, seconds }) {
  const canvas = document.querySelector('canvas');
  const g = canvas.getContext('2d');
  const ease = (x) => 0.5 - Math.cos(Math.min(1, Math.max(0, x)) * Math.PI) / 2;

  function gear(cx, cy, r, teeth, angle, colour) {
    g.save();
    g.translate(cx, cy);
    g.rotate(angle);
    g.fillStyle = colour;
    g.beginPath();
    for (let i = 0; i < teeth * 2; i++) {
      const a = (i / (teeth * 2)) * Math.PI * 2;
      const rr = i % 2 ? r : r * 1.18;
      g.lineTo(Math.cos(a - 0.12) * rr, Math.sin(a - 0.12) * rr);
      g.lineTo(Math.cos(a + 0.12) * rr, Math.sin(a + 0.12) * rr);
    }
    g.closePath();
    g.fill();
    g.fillStyle = '#0b2540';
    g.beginPath();
    g.arc(0, 0, r * 0.42, 0, Math.PI * 2);
    g.fill();
    g.restore();
  }

  function frame(t) {
    const sky = g.createLinearGradient(0, 0, 0, height);
    sky.addColorStop(0, '#0b2540');
    sky.addColorStop(1, '#12406b');
    g.fillStyle = sky;
    g.fillRect(0, 0, width, height);
    // Two gears turning against each other.
    gear(120, 130, 62, 10, t * 0.9, '#ffc83d');
    gear(205, 205, 40, 8, -t * 1.4 + 0.2, '#f28c28');
    // Bars growing one after another (results of the scheme).
    const bars = [0.35, 0.5, 0.62, 0.78, 0.95];
    bars.forEach((h, i) => {
      const grow = ease((t - 0.4 - i * 0.35) / 1.2);
      const bh = h * 200 * grow;
      g.fillStyle = i === bars.length - 1 ? '#3ddc84' : '#5fb4ff';
      g.fillRect(330 + i * 56, 300 - bh, 40, bh);
    });
    g.fillStyle = '#ffffff44';
    g.fillRect(320, 302, 290, 4);
    // People (heads and shoulders) walking a path towards the bars.
    for (let i = 0; i < 4; i++) {
      const x = ((t * 60 + i * 150) % 700) - 60;
      const y = 320 - Math.sin((x / 700) * Math.PI) * 30;
      g.fillStyle = ['#ffffff', '#ffc83d', '#5fb4ff', '#f28c28'][i];
      g.beginPath();
      g.arc(x, y - 26, 9, 0, Math.PI * 2);
      g.fill();
      g.beginPath();
      g.ellipse(x, y, 14, 12, 0, Math.PI, 0);
      g.fill();
    }
    // A check mark drawn in the last seconds.
    const done = ease((t - 4.8) / 1.2);
    if (done > 0) {
      g.strokeStyle = '#3ddc84';
      g.lineWidth = 14;
      g.lineCap = 'round';
      g.lineJoin = 'round';
      g.beginPath();
      const pts = [[470, 80], [510, 120], [590, 40]];
      g.moveTo(...pts[0]);
      const first = Math.min(1, done * 2);
      g.lineTo(pts[0][0] + (pts[1][0] - pts[0][0]) * first, pts[0][1] + (pts[1][1] - pts[0][1]) * first);
      if (done > 0.5) {
        const second = (done - 0.5) * 2;
        g.lineTo(pts[1][0] + (pts[2][0] - pts[1][0]) * second, pts[1][1] + (pts[2][1] - pts[1][1]) * second);
      }
      g.stroke();
    }
  }

  const types = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8'];
  const mimeType = types.find((t) => MediaRecorder.isTypeSupported(t));
  const stream = canvas.captureStream(fps);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 260_000 });
  const chunks = [];
  recorder.ondataavailable = (e) => e.data.size && chunks.push(e.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  frame(0);
  recorder.start();
  const start = performance.now();
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const t = (performance.now() - start) / 1000;
      frame(Math.min(t, seconds));
      if (t >= seconds) {
        clearInterval(timer);
        resolve();
      }
    }, 1000 / fps);
  });
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { mimeType, base64: btoa(binary) };
}

// --- EBML: make sure of Segment/Info/Duration ---------------------------------------------------

function vint(b, at, keepMarker) {
  const length = Math.clz32(b[at]) - 23;
  let value = keepMarker ? b[at] : b[at] & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i];
    allOnes &&= b[at + i] === 0xff;
  }
  return { length, value, allOnes };
}

function header(b, at) {
  const id = vint(b, at, true);
  const size = vint(b, at + id.length, false);
  return { id: id.value, start: at, data: at + id.length + size.length, size: size.allOnes ? null : size.value };
}

const ids = { Segment: 0x18538067, Info: 0x1549a966, Cluster: 0x1f43b675, Timecode: 0xe7, SimpleBlock: 0xa3, Cues: 0x1c53bb6b, SeekHead: 0x114d9b74, TimecodeScale: 0x2ad7b1 };

function ensureDuration(b) {
  const ebml = header(b, 0);
  const segment = header(b, ebml.data + ebml.size);
  if (segment.id !== ids.Segment) throw new Error('no segment');
  let info = null;
  let indexed = false;
  let written = null;
  let scale = 1_000_000;
  let last = 0;
  let clusterTime = 0;
  let at = segment.data;
  while (at < b.length) {
    const el = header(b, at);
    if (el.id === ids.SeekHead || el.id === ids.Cues) indexed = true;
    if (el.id === ids.Info) {
      info = el;
      for (let c = el.data; c < el.data + el.size; ) {
        const child = header(b, c);
        if (child.id === 0x4489) written = child.size === 8 ? b.readDoubleBE(child.data) : b.readFloatBE(child.data);
        if (child.id === ids.TimecodeScale) scale = b.subarray(child.data, child.data + child.size).reduce((v, x) => v * 256 + x, 0);
        c = child.data + child.size;
      }
    }
    if (el.id === ids.Cluster) {
      at = el.data;
      continue; // walk into the cluster (its size may be unknown)
    }
    if (el.id === ids.Timecode) clusterTime = b.subarray(el.data, el.data + el.size).reduce((v, x) => v * 256 + x, 0);
    if (el.id === ids.SimpleBlock) {
      const track = vint(b, el.data, false);
      const rel = (b[el.data + track.length] << 8) | b[el.data + track.length + 1];
      last = Math.max(last, clusterTime + (rel > 0x7fff ? rel - 0x10000 : rel));
    }
    if (el.size === null) throw new Error(`unknown size for ${el.id.toString(16)}`);
    at = el.data + el.size;
  }
  if (!info) throw new Error('no Info');
  if (written !== null) return { bytes: b, durationMs: (written * scale) / 1e6, lastBlockMs: (last * scale) / 1e6 };
  // Inserting bytes moves every cluster: only safe without a seek index pointing at them.
  if (indexed) throw new Error('no Duration, and a SeekHead or Cues whose offsets would need fixing');
  const durationTicks = last + Math.round(1000 / FPS) * (1_000_000 / scale);
  const duration = Buffer.alloc(11);
  duration.set([0x44, 0x89, 0x88], 0);
  duration.writeDoubleBE(durationTicks, 3);
  const children = Buffer.concat([b.subarray(info.data, info.data + info.size), duration]);
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(children.length) | (1n << 56n));
  const newInfo = Buffer.concat([Buffer.from([0x15, 0x49, 0xa9, 0x66]), size, children]);
  return {
    bytes: Buffer.concat([b.subarray(0, info.start), newInfo, b.subarray(info.data + info.size)]),
    durationMs: (durationTicks * scale) / 1e6,
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-timer-throttling'],
});
try {
  const tab = await browser.newPage();
  await tab.setContent(page);
  const { mimeType, base64 } = await tab.evaluate(record, { width: WIDTH, height: HEIGHT, fps: FPS, seconds: SECONDS });
  const { bytes, durationMs, lastBlockMs } = ensureDuration(Buffer.from(base64, 'base64'));
  writeFileSync(OUT, bytes);
  console.log(`${OUT}: ${mimeType}, ${bytes.length} bytes, Duration ${durationMs} ms${lastBlockMs ? ` (last block at ${lastBlockMs} ms)` : ''}`);
} finally {
  await browser.close();
}
