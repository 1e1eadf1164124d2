/**
 * One load-generator process for bench/fanout.ts: simulated players over loopback.
 *
 * Each simulated player does what the real one does on the wire: `hello`, then it acks every
 * `manifest` it receives. It remembers the version it last acked; when a manifest with another
 * version arrives (a publish) it acks at once and records the time of that ack, for the current
 * round, on a clock shared by every process of the machine. The parent subtracts its publish
 * time.
 *
 * Like the real player it applies each new manifest — here: resolves what is on screen now with
 * the real resolver, once per manifest version per process, since every socket of an audience
 * gets the same bytes — and when an emergency-tier schedule is on screen that it has not shown
 * yet, it sends `shown {scheduleId, at}` (the receipt) before its `ack`, and records the time it
 * sent it.
 *
 * It talks to the parent over IPC only (process.send); it is started as
 * `sh -c 'ulimit -Sn …; exec node --import tsx bench/load-generator.ts'`.
 */
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { ServerMessage, parseFrame } from '../playlists/protocol.ts';
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
  });
}

function checkDone(): void {
  if (round > 0 && !resultSent && ackedOpen >= openCount && (!wantShown || shownOpen >= openCount)) sendResult(true);
}

/** Per manifest version: the emergency on screen once it is applied (null: none). */
const emergencyByVersion = new Map<string, string | null>();

/**
 * Applies a manifest the way the player does — parse the frame, resolve what the main zone
 * shows now — and answers the emergency-tier schedule on screen, if any. Once per version.
 */
function emergencyOnScreen(text: string, version: string): string | null {
  const known = emergencyByVersion.get(version);
  if (known !== undefined) return known;
  let scheduleId: string | null = null;
  // A manifest without an emergency-tier schedule cannot put one on screen, so the publish→ack
  // rounds skip the work; the first manifest is applied in full all the same, which warms the
  // parser up while connecting, outside every measured round.
  if (emergencyByVersion.size > 0 && !text.includes('"tier":"emergency"')) {
    emergencyByVersion.set(version, null);
    return null;
  }
  const msg = parseFrame(ServerMessage, text);
  if (msg?.type !== 'manifest') {
    process.stderr.write(`load generator ${process.pid}: manifest ${version} does not parse as a protocol frame\n`);
  } else {
    const play = resolvePlay(msg.manifest, wallNow()).main;
    if (play.reason.tier === 'emergency' && play.item) scheduleId = play.reason.scheduleId;
  }
  emergencyByVersion.set(version, scheduleId);
  return scheduleId;
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
          protocol: 1,
          token,
          manifestVersion: null,
          playerVersion: 'bench',
          viewport: { width: 384, height: 192 },
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
