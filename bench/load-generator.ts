/**
 * One load-generator process for bench/fanout.ts: simulated players over loopback.
 *
 * Each simulated player does what the real one does on the wire: `hello`, then it acks every
 * `manifest` it receives. It remembers the version it last acked; when a manifest with another
 * version arrives (a publish) it acks at once and records the time of that ack, for the current
 * round, on a clock shared by every process of the machine. The parent subtracts its publish
 * time.
 *
 * It talks to the parent over IPC only (process.send); it is started as
 * `sh -c 'ulimit -Sn …; exec node --import tsx bench/load-generator.ts'`.
 */
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { wallNow } from './stats.ts';

export type ParentMessage =
  | { cmd: 'connect'; url: string; tokens: string[]; concurrency: number; attemptTimeoutMs: number; sample: boolean }
  /** Stop opening sockets (the parent's connect budget ran out); answer `connected` now. */
  | { cmd: 'stopConnecting' }
  /** The parent is about to publish round `round`: answer `result` once every open socket acked it. */
  | { cmd: 'arm'; round: number }
  /** Answer `result` now with what is there (the parent's ack budget ran out). */
  | { cmd: 'report' }
  | { cmd: 'close' };

export interface Samples {
  welcome?: string;
  screen?: string;
  manifest?: string;
}

export type ChildMessage =
  | { type: 'ready'; pid: number; openFilesSoft: string }
  | { type: 'progress'; connected: number; failed: number }
  | { type: 'armed'; round: number }
  | {
      type: 'connected';
      connected: number;
      failed: number;
      /** Why sockets failed, with counts (last attempt of each). */
      errors: Record<string, number>;
      samples: Samples | null;
      manifestBytes: number | null;
    }
  | {
      type: 'result';
      round: number;
      complete: boolean;
      /** Wall-clock times at which each socket sent its ack of the new manifest. */
      ackTimes: number[];
      /** Connected sockets that did not ack the new manifest (closed ones included). */
      missing: number;
      /** Sockets closed after they had connected, by close code. */
      closedAfterConnect: Record<string, number>;
      /** The new manifest frame as first received (for the bare ws reference). */
      newManifest: string | null;
    };

interface Conn {
  ws: WebSocket;
  /** The manifest version this socket acked last (null until its first manifest). */
  version: string | null;
  /** The round whose new manifest this socket acked last (0: none yet). */
  ackedRound: number;
  /** Wall-clock time of that ack. */
  ackAt: number;
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
/** Open sockets, and how many of them acked the current round. */
let openCount = 0;
let ackedOpen = 0;
let failed = 0;
let stopConnecting = false;
let newManifest: string | null = null;
const closedAfterConnect: Record<string, number> = {};

function sendResult(complete: boolean): void {
  if (resultSent) return;
  resultSent = true;
  // Sockets that acked and then closed keep their sample.
  const ackTimes = conns.filter((c) => c.ackedRound === round).map((c) => c.ackAt);
  send({ type: 'result', round, complete, ackTimes, missing: conns.length - ackTimes.length, closedAfterConnect, newManifest });
}

function checkDone(): void {
  if (round > 0 && !resultSent && ackedOpen >= openCount) sendResult(true);
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
    const conn: Conn = { ws, version: null, ackedRound: 0, ackAt: 0, closed: false };
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
        if (msg.type === 'manifest') ws.send(JSON.stringify({ type: 'ack', version }));
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
            checkDone();
          }
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
      resultSent = false;
      ackedOpen = conns.filter((c) => !c.closed && c.ackedRound === round).length;
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
