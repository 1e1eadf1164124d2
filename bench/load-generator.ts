/**
 * One load-generator process for bench/fanout.ts: simulated players over loopback.
 *
 * Each simulated player does what the real one does on the wire: `hello` (asking for patches,
 * as a player in a secure context does), then it acks every `manifest` it receives, and every
 * `patch` once applied to the manifest it holds and checked against its content hash
 * (playlists/PROTOCOL.md [P5]; a patch that does not fit is answered with `resync`). It remembers the version it last acked; when a manifest with another
 * version arrives (a publish) it acks at once and records the time of that ack, for the current
 * round, on a clock shared by every process of the machine. The parent subtracts its publish
 * time.
 *
 * Like the real player it applies each new manifest — here: resolves what is on screen now with
 * the real resolver, once per manifest version per process, since every socket of an audience
 * gets the same bytes (a patch, likewise, is applied and hashed once per process) — and when an emergency-tier schedule is on screen that it has not shown
 * yet, it sends `shown {scheduleId, at}` (the receipt) before its `ack`, and records the time it
 * sent it.
 *
 * It talks to the parent over IPC only (process.send); it is started as
 * `sh -c 'ulimit -Sn …; exec node --import tsx bench/load-generator.ts'`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { Manifest } from '../playlists/manifest.ts';
import { ManifestPatch } from '../playlists/manifest-patch.ts';
import { applyManifestPatch, manifestContent, versionMatches } from '../playlists/patching.ts';
import { PROTOCOL_VERSION, ServerMessage, parseFrame } from '../playlists/protocol.ts';
import { resolve as resolvePlay } from '../playlists/resolve.ts';
import { toLocalIso } from '../playlists/time.ts';
import type { ChildMessage, ParentMessage, Samples } from './generator-protocol.ts';
import { wallNow } from './stats.ts';

export type { ChildMessage, ParentMessage, Samples } from './generator-protocol.ts';

interface Conn {
  ws: WebSocket;
  /** The manifest version this socket acked last (null until its first manifest). */
  version: string | null;
  /** The round whose new manifest this socket acked last (0: none yet). */
  ackedRound: number;
  /** Wall-clock time of that ack. */
  ackAt: number;
  /** The emergency (schedule id) this socket last sent `shown` for. */
  shownSchedule: string | null;
  /** The round in which it sent that `shown` (0: none), and the wall-clock time it sent it. */
  shownRound: number;
  shownAt: number;
  closed: boolean;
}

const send = (msg: ChildMessage) => process.send?.(msg);

function openFilesSoft(): string {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    return line?.split(/\s{2,}/)[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const conns: Conn[] = [];
/** The publish round the parent armed (0: none yet). */
let round = 0;
let resultSent = true;
/** Whether the current round is complete only once every open socket also sent `shown`. */
let wantShown = false;
/** Open sockets, and how many of them acked (and sent `shown` in) the current round. */
let openCount = 0;
let ackedOpen = 0;
let shownOpen = 0;
let failed = 0;
let stopConnecting = false;
let newManifest: string | null = null;
/** This round's frames: how many of each kind came, and the largest patch (bytes). */
let frameCounts = { manifest: 0, patch: 0, resync: 0 };
let patchBytes: number | null = null;
const closedAfterConnect: Record<string, number> = {};

function sendResult(complete: boolean): void {
  if (resultSent) return;
  resultSent = true;
  // Sockets that acked and then closed keep their sample.
  const ackTimes = conns.filter((c) => c.ackedRound === round).map((c) => c.ackAt);
  const shown = conns.filter((c) => c.shownRound === round);
  const shownSchedules: Record<string, number> = {};
  for (const c of shown) shownSchedules[c.shownSchedule!] = (shownSchedules[c.shownSchedule!] ?? 0) + 1;
  send({
    type: 'result',
    round,
    complete,
    ackTimes,
    missing: conns.length - ackTimes.length,
    shownTimes: shown.map((c) => c.shownAt),
    shownMissing: wantShown ? conns.length - shown.length : 0,
    shownSchedules,
    closedAfterConnect,
    newManifest,
    frames: frameCounts,
    patchBytes,
  });
}

function checkDone(): void {
  if (round > 0 && !resultSent && ackedOpen >= openCount && (!wantShown || shownOpen >= openCount)) sendResult(true);
}

/** Per manifest version: the manifest as applied, and the emergency on screen with it (null: none). */
const applied = new Map<string, { manifest: Manifest | null; emergency: string | null }>();
/** Per patch frame: the version it gives once applied and checked (null: it does not fit). */
const patched = new Map<string, string | null>();

/**
 * Applies a manifest the way the player does — parse the frame, resolve what the main zone
 * shows now — and answers the emergency-tier schedule on screen, if any. Once per version.
 */
function emergencyOnScreen(text: string, version: string): string | null {
  const known = applied.get(version);
  if (known !== undefined) return known.emergency;
  const msg = parseFrame(ServerMessage, text);
  if (msg?.type !== 'manifest') {
    process.stderr.write(`load generator ${process.pid}: manifest ${version} does not parse as a protocol frame\n`);
    applied.set(version, { manifest: null, emergency: null });
    return null;
  }
  return keep(msg.manifest);
}

/** Keeps an applied manifest (a base for patches) and answers the emergency it puts on screen. */
function keep(manifest: Manifest): string | null {
  const play = resolvePlay(manifest, wallNow()).main;
  const emergency = play.reason.tier === 'emergency' && play.item ? play.reason.scheduleId : null;
  applied.set(manifest.version, { manifest, emergency });
  if (applied.size > 64) applied.delete(applied.keys().next().value!);
  return emergency;
}

/**
 * Applies a patch frame the way the player does (playlists/manifest-patch.ts `patchedManifest`,
 * with node:crypto for Web Crypto): to the manifest of its base, parsed as a `Manifest`, its
 * content hashed and compared with its version. Once per frame; answers the version, or null.
 */
function applyPatch(text: string): string | null {
  const known = patched.get(text);
  if (known !== undefined) return known;
  const msg = parseFrame(ServerMessage, text);
  let version: string | null = null;
  const checked = msg?.type === 'patch' ? ManifestPatch.safeParse(msg.patch) : null;
  if (checked?.success) {
    const patch = checked.data;
    const base = applied.get(patch.base)?.manifest;
    const result = base ? Manifest.safeParse(applyManifestPatch(base, patch)) : null;
    if (result?.success) {
      const digest = createHash('sha256').update(manifestContent(result.data)).digest('hex');
      if (versionMatches(digest, patch.version)) {
        keep(result.data);
        version = patch.version;
        // The bare ws reference sends the whole manifest of the same content.
        newManifest ??= JSON.stringify({ type: 'manifest', manifest: result.data });
      }
    }
  }
  patched.set(text, version);
  return version;
}

/** Opens one simulated player; resolves once it has acked its first manifest, or failed (why). */
function connectOnce(
  url: string,
  token: string,
  timeoutMs: number,
  samples: Samples | null,
): Promise<{ conn: Conn } | { error: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
    const conn: Conn = { ws, version: null, ackedRound: 0, ackAt: 0, shownSchedule: null, shownRound: 0, shownAt: 0, closed: false };
    let settled = false;
    const settle = (r: { conn: Conn } | { error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      ws.terminate();
      settle({ error: 'timeout waiting for manifest' });
    }, timeoutMs);

    ws.on('open', () => {
      ws.send(
        JSON.stringify({
          type: 'hello',
          protocol: PROTOCOL_VERSION,
          token,
          manifestVersion: null,
          playerVersion: 'bench',
          viewport: { width: 384, height: 192 },
          patches: true,
        }),
      );
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      let msg: { type?: string; manifest?: { version?: string }; version?: string };
      try {
        msg = JSON.parse(text);
      } catch {
        return;
      }
      if (round > 0 && (msg.type === 'manifest' || msg.type === 'patch')) frameCounts[msg.type] += 1;
      if (msg.type === 'patch') {
        patchBytes = Math.max(patchBytes ?? 0, Buffer.byteLength(text));
        const version = applyPatch(text);
        if (version === null) {
          frameCounts.resync += 1;
          ws.send(JSON.stringify({ type: 'resync', version: conn.version }));
          return;
        }
        msg = { type: 'manifest', manifest: { version } };
      }
      if (msg.type === 'manifest' || msg.type === 'unchanged') {
        const version = msg.type === 'manifest' ? msg.manifest?.version : msg.version;
        if (typeof version !== 'string') return;
        let shownAt = 0;
        let shown: string | null = null;
        if (msg.type === 'manifest') {
          // Applied (no media to fetch here): an emergency now on screen gets its receipt first.
          const emergency = version === conn.version ? null : emergencyOnScreen(text, version);
          if (emergency !== null && emergency !== conn.shownSchedule) {
            ws.send(JSON.stringify({ type: 'shown', scheduleId: emergency, at: toLocalIso(Date.now()) }));
            shownAt = wallNow();
            shown = conn.shownSchedule = emergency;
          }
          ws.send(JSON.stringify({ type: 'ack', version }));
        }
        const at = wallNow();
        if (conn.version === null) {
          conn.version = version;
          if (samples && samples.manifest === undefined && msg.type === 'manifest') samples.manifest = text;
          settle({ conn });
        } else if (version !== conn.version) {
          conn.version = version;
          if (round > 0 && conn.ackedRound !== round) {
            conn.ackedRound = round;
            conn.ackAt = at;
            ackedOpen += 1;
            if (newManifest === null) newManifest = text;
          }
          if (shown !== null && round > 0 && conn.shownRound !== round) {
            conn.shownRound = round;
            conn.shownAt = shownAt;
            shownOpen += 1;
          }
          checkDone();
        }
      } else if (samples) {
        if (msg.type === 'welcome' && samples.welcome === undefined) samples.welcome = text;
        if (msg.type === 'screen' && samples.screen === undefined) samples.screen = text;
      }
    });
    ws.on('error', (err) => {
      settle({ error: (err as NodeJS.ErrnoException).code ?? err.message.slice(0, 80) });
    });
    ws.on('close', (code) => {
      if (!settled) {
        settle({ error: `closed ${code} before manifest` });
        return;
      }
      if (!conn.closed) {
        conn.closed = true;
        closedAfterConnect[code] = (closedAfterConnect[code] ?? 0) + 1;
        // One that acked and then went keeps its sample; one that had not will never ack.
        openCount -= 1;
        if (round > 0 && conn.ackedRound === round) ackedOpen -= 1;
        if (round > 0 && conn.shownRound === round) shownOpen -= 1;
        checkDone();
      }
    });
  });
}

async function connectAll(msg: Extract<ParentMessage, { cmd: 'connect' }>): Promise<void> {
  const errors: Record<string, number> = {};
  const samples: Samples | null = msg.sample ? {} : null;
  let next = 0;
  let connected = 0;
  const progress = setInterval(() => send({ type: 'progress', connected, failed }), 1000);

  const worker = async () => {
    while (!stopConnecting && next < msg.tokens.length) {
      const token = msg.tokens[next++]!;
      let lastError = '';
      let done = false;
      for (let attempt = 0; attempt < 3 && !done && !stopConnecting; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, 200 * attempt + Math.random() * 300));
        const r = await connectOnce(msg.url, token, msg.attemptTimeoutMs, connected === 0 ? samples : null);
        if ('conn' in r) {
          conns.push(r.conn);
          connected += 1;
          openCount += 1;
          done = true;
        } else lastError = r.error;
      }
      if (!done) {
        failed += 1;
        if (lastError) errors[lastError] = (errors[lastError] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, msg.concurrency) }, worker));
  clearInterval(progress);
  failed += msg.tokens.length - next; // never attempted (stopConnecting)
  const manifestBytes = samples?.manifest !== undefined ? Buffer.byteLength(samples.manifest) : null;
  send({ type: 'connected', connected, failed, errors, samples, manifestBytes });
}

process.on('message', (raw) => {
  const msg = raw as ParentMessage;
  switch (msg.cmd) {
    case 'connect':
      void connectAll(msg);
      return;
    case 'stopConnecting':
      stopConnecting = true;
      return;
    case 'arm':
      round = msg.round;
      wantShown = msg.shown ?? false;
      frameCounts = { manifest: 0, patch: 0, resync: 0 };
      patchBytes = null;
      resultSent = false;
      ackedOpen = conns.filter((c) => !c.closed && c.ackedRound === round).length;
      shownOpen = conns.filter((c) => !c.closed && c.shownRound === round).length;
      send({ type: 'armed', round });
      checkDone();
      return;
    case 'report':
      sendResult(false);
      return;
    case 'close':
      for (const c of conns) c.ws.terminate();
      process.exit(0);
  }
});
// The parent went away (crash, kill): do not linger with thousands of sockets.
process.on('disconnect', () => process.exit(0));

send({ type: 'ready', pid: process.pid, openFilesSoft: openFilesSoft() });
