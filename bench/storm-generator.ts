/**
 * One load-generator process for bench/reconnect-storm.ts: simulated players that, like the real
 * one (player/connection.ts), reconnect by themselves whenever their socket closes — what to do
 * is the real player's `closeAction` and `retryFloorMs`, the delay its full-jitter `backoffDelay`
 * (player/retry.ts), and a socket not welcomed within WELCOME_TIMEOUT_MS is given up — and that
 * ask what a real player asks: `hello` with the version they hold (the server then answers
 * `unchanged`, not the whole manifest), patches applied and checked against their hash, `ack`
 * of each manifest applied, and play events flushed from their queue in `plays` batches, one in
 * flight, dropped on `playsAck`.
 *
 * Started by the parent as `sh -c 'ulimit -Sn …; exec node --import tsx bench/storm-generator.ts'`;
 * talks to it over IPC only (bench/storm-protocol.ts).
 */
import { createHash } from 'node:crypto';
import { WebSocket } from 'ws';
import { Manifest } from '../playlists/manifest.ts';
import { ManifestPatch } from '../playlists/manifest-patch.ts';
import { applyManifestPatch, manifestContent, versionMatches } from '../playlists/patching.ts';
import { PROTOCOL_VERSION, ServerMessage, parseFrame, type PlayEvent } from '../playlists/protocol.ts';
import { resolve as resolvePlay } from '../playlists/resolve.ts';
import { toLocalIsoMs } from '../playlists/time.ts';
import { WELCOME_TIMEOUT_MS } from '../player/connection.ts';
import { backoffDelay, closeAction, retryFloorMs } from '../player/retry.ts';
import type { ChildMessage, ParentMessage } from './generator-protocol.ts';
import type { StormParentMessage } from './storm-protocol.ts';
import { wallNow } from './stats.ts';

const send = (msg: ChildMessage) => process.send?.(msg);
const idPrefix = `stormplay-${process.pid.toString(36)}`;

/** Per version: the manifest as applied. Per patch frame: the version it gives (null: it does not fit). */
const manifests = new Map<string, Manifest>();
const patched = new Map<string, string | null>();

function keepManifest(text: string): string | null {
  const msg = parseFrame(ServerMessage, text);
  if (msg?.type !== 'manifest') return null;
  if (!manifests.has(msg.manifest.version)) manifests.set(msg.manifest.version, msg.manifest);
  return msg.manifest.version;
}

/** Applies a patch the way the player does (patch.ts), with node:crypto for Web Crypto; once per frame. */
function applyPatch(text: string): string | null {
  const known = patched.get(text);
  if (known !== undefined) return known;
  const msg = parseFrame(ServerMessage, text);
  let version: string | null = null;
  const checked = msg?.type === 'patch' ? ManifestPatch.safeParse(msg.patch) : null;
  const base = checked?.success ? manifests.get(checked.data.base) : undefined;
  if (checked?.success && base) {
    const result = Manifest.safeParse(applyManifestPatch(base, checked.data));
    if (result.success && versionMatches(createHash('sha256').update(manifestContent(result.data)).digest('hex'), checked.data.version)) {
      manifests.set(result.data.version, result.data);
      version = result.data.version;
    }
  }
  patched.set(text, version);
  return version;
}

/** Round state, shared by every player of the process. */
const round = { id: 0, mode: 'newVersion' as 'newVersion' | 'reconnect', done: 0, sent: true, closes: {} as Record<string, number>, attempts: 0, frames: {} as Record<string, number> };
let players: Player[] = [];
let url = '';
let ingest: { pending: number; firstSentAt: number; lastAckAt: number; acked: number; resent: number } | null = null;

class Player {
  ws: WebSocket | null = null;
  /** The manifest version held: sent in `hello`, as the real player sends its stored one. */
  version: string | null = null;
  attempt = 0;
  serial = 0;
  /** Wall-clock time at which the current socket's connection attempt started. */
  attemptAt = 0;
  welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Round bookkeeping: the version held and socket serial when the round was armed; when done. */
  armedVersion: string | null = null;
  armedSerial = 0;
  doneRound = 0;
  doneAt = 0;
  doneAttemptAt = 0;
  firstCurrent: (() => void) | null = null;
  /** Queued plays (one batch), whether it is in flight, and whether it is to be sent once more. */
  queue: PlayEvent[] = [];
  inFlight = false;
  resend = false;

  constructor(readonly token: string) {}

  connect(): void {
    round.attempts += 1;
    this.serial += 1;
    this.attemptAt = wallNow();
    const ws = (this.ws = new WebSocket(url, { perMessageDeflate: false }));
    this.welcomeTimer = setTimeout(() => this.abandon(), WELCOME_TIMEOUT_MS);
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'hello',
          protocol: PROTOCOL_VERSION,
          token: this.token,
          manifestVersion: this.version,
          playerVersion: 'bench-storm',
          viewport: { width: 384, height: 192 },
          patches: true,
        }),
      ),
    );
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(ws, data.toString());
    });
    ws.on('error', () => {});
    ws.on('close', (code) => {
      if (this.ws === ws) this.closed(code);
    });
  }

  receive(ws: WebSocket, text: string): void {
    const type = /^\{"type":"([a-zA-Z]+)"/.exec(text)?.[1];
    if (type) round.frames[type] = (round.frames[type] ?? 0) + 1;
    switch (type) {
      case 'welcome':
        if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
        this.welcomeTimer = null;
        this.attempt = 0;
        this.inFlight = false;
        this.flushPlays();
        return;
      case 'manifest': {
        const version = keepManifest(text);
        if (version) this.applied(ws, version);
        return;
      }
      case 'patch': {
        const version = applyPatch(text);
        if (version) this.applied(ws, version);
        else ws.send(JSON.stringify({ type: 'resync', version: this.version }));
        return;
      }
      case 'unchanged':
        this.current(this.version);
        return;
      case 'playsAck':
        this.playsAcked(ws, (JSON.parse(text) as { ids: string[] }).ids);
        return;
    }
  }

  applied(ws: WebSocket, version: string): void {
    this.version = version;
    ws.send(JSON.stringify({ type: 'ack', version }));
    this.current(version);
  }

  /** This socket holds `version`, the server's current one for it. */
  current(version: string | null): void {
    this.firstCurrent?.();
    this.firstCurrent = null;
    if (round.id === 0 || this.doneRound === round.id) return;
    const done = round.mode === 'newVersion' ? version !== this.armedVersion : this.serial > this.armedSerial;
    if (!done) return;
    this.doneRound = round.id;
    this.doneAt = wallNow();
    this.doneAttemptAt = this.attemptAt;
    round.done += 1;
    if (round.done >= players.length) report(true);
  }

  closed(code: number): void {
    this.detach();
    round.closes[code] = (round.closes[code] ?? 0) + 1;
    // The real player's rule (player/retry.ts); bench tokens are never forgotten or replaced.
    if (closeAction(code) !== 'reconnect') return;
    this.retry(retryFloorMs(code));
  }

  /** No welcome in time: give the socket up without waiting for its close (connection.ts `abandon`). */
  abandon(): void {
    const ws = this.ws;
    this.detach();
    ws?.terminate();
    round.closes.abandoned = (round.closes.abandoned ?? 0) + 1;
    this.retry(0);
  }

  retry(floorMs: number): void {
    const delay = floorMs + backoffDelay(this.attempt);
    this.attempt += 1;
    setTimeout(() => this.connect(), delay);
  }

  detach(): void {
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    this.ws?.removeAllListeners('close');
    this.ws?.on('close', () => {});
    this.ws = null;
    this.inFlight = false;
  }

  flushPlays(): void {
    const ws = this.ws;
    if (!this.queue.length || this.inFlight || !ws || ws.readyState !== WebSocket.OPEN || this.welcomeTimer) return;
    ws.send(JSON.stringify({ type: 'plays', events: this.queue }));
    this.inFlight = true;
    if (ingest && !ingest.firstSentAt) ingest.firstSentAt = wallNow();
  }

  playsAcked(ws: WebSocket, ids: string[]): void {
    if (!this.queue.length || !ingest) return;
    this.inFlight = false;
    if (this.resend) {
      // As if this ack had been lost: the same batch goes again (ids make it idempotent).
      this.resend = false;
      ingest.resent += this.queue.length;
      this.flushPlays();
      return;
    }
    const gone = new Set(ids);
    const left = this.queue.filter((e) => !gone.has(e.id));
    ingest.acked += this.queue.length - left.length;
    this.queue = left;
    if (left.length) return this.flushPlays();
    ingest.lastAckAt = wallNow();
    ingest.pending -= 1;
    if (ingest.pending === 0) finishPlays();
    void ws;
  }
}

function report(complete: boolean): void {
  if (round.sent) return;
  round.sent = true;
  const done = players.filter((p) => p.doneRound === round.id);
  const times = done.map((p) => p.doneAt);
  const attemptTimes = done.map((p) => p.doneAttemptAt);
  const versions: Record<string, number> = {};
  for (const p of players) versions[String(p.version)] = (versions[String(p.version)] ?? 0) + 1;
  send({ type: 'current', round: round.id, complete, times, attemptTimes, missing: players.length - times.length, versions, closes: round.closes, attempts: round.attempts, frames: round.frames });
}

async function connectAll(msg: Extract<StormParentMessage, { cmd: 'stormConnect' }>): Promise<void> {
  url = msg.url;
  players = msg.tokens.map((t) => new Player(t));
  let next = 0;
  let connected = 0;
  const progress = setInterval(() => send({ type: 'progress', connected, failed: 0 }), 1000);
  const worker = async () => {
    while (next < players.length) {
      const player = players[next++]!;
      const ok = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), msg.timeoutMs);
        player.firstCurrent = () => {
          clearTimeout(timer);
          resolve(true);
        };
        player.connect();
      });
      if (ok) connected += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, msg.concurrency) }, worker));
  clearInterval(progress);
  send({ type: 'stormConnected', connected, failed: players.length - connected });
}

/**
 * The plays a screen showing `manifest` recorded from `since` on, slot after slot as the
 * resolver lays them out (player/plays.ts PlayRecorder: one event per item shown, from its
 * start to its end), at most `max` and none ending past `until`. Ids are filled in per player.
 */
function recordedPlays(manifest: Manifest, since: number, until: number, max: number): Omit<PlayEvent, 'id'>[] {
  const out: Omit<PlayEvent, 'id'>[] = [];
  for (let t = since; out.length < max && t < until; ) {
    const play = resolvePlay(manifest, t).main;
    const start = Math.max(t, play.since);
    const end = Math.min(play.until, until);
    if (play.item && end - start >= 1_000 && end === play.until) {
      out.push({
        itemId: play.item.id,
        itemRevision: play.item.revision,
        playlistId: play.playlistId,
        scheduleId: play.reason.scheduleId,
        tier: play.reason.tier,
        theme: play.item.theme,
        startedAt: toLocalIsoMs(start),
        durationMs: end - start,
        completed: true,
      });
    }
    t = Math.max(t + 1_000, play.until, play.item ? 0 : play.next.at);
  }
  return out;
}

function startPlays(msg: Extract<StormParentMessage, { cmd: 'plays' }>): void {
  const chosen = players.slice(0, msg.screens);
  const templates = new Map<string, Omit<PlayEvent, 'id'>[]>();
  let sent = 0;
  let short = 0;
  ingest = { pending: chosen.length, firstSentAt: 0, lastAckAt: 0, acked: 0, resent: 0 };
  // Ends a minute before the guard's clock tolerance (5 min ahead of the server).
  const until = Date.now() + 4 * 60_000;
  chosen.forEach((player, i) => {
    const manifest = player.version ? manifests.get(player.version) : undefined;
    let template = manifest ? templates.get(manifest.version) : [];
    if (manifest && !template) templates.set(manifest.version, (template = recordedPlays(manifest, msg.since, until, msg.events)));
    if (template!.length < msg.events) short += 1;
    player.queue = template!.map((e, k) => ({ id: `${idPrefix}-${i}-${k}`, ...e }));
    player.resend = Math.random() < msg.resendShare;
    sent += player.queue.length;
    if (!player.queue.length) ingest!.pending -= 1;
    else setTimeout(() => player.flushPlays(), Math.random() * msg.spreadMs);
  });
  const timer = setTimeout(() => finishPlays(), msg.timeoutMs);
  finishPlays = () => {
    clearTimeout(timer);
    finishPlays = () => {};
    const r = ingest!;
    send({ type: 'playsDone', sent, resent: r.resent, acked: r.acked, short, firstSentAt: r.firstSentAt, lastAckAt: r.lastAckAt, idPrefix });
  };
  if (ingest.pending === 0) finishPlays();
}
let finishPlays: () => void = () => {};

process.on('message', (raw) => {
  const msg = raw as ParentMessage;
  switch (msg.cmd) {
    case 'stormConnect':
      void connectAll(msg);
      return;
    case 'plays':
      startPlays(msg);
      return;
    case 'expect':
      Object.assign(round, { id: msg.round, mode: msg.mode, done: 0, sent: false, closes: {}, attempts: 0, frames: {} });
      for (const p of players) {
        p.armedVersion = p.version;
        p.armedSerial = p.serial;
      }
      send({ type: 'expecting', round: msg.round });
      return;
    case 'stormReport':
      if (msg.round === round.id) report(false);
      return;
    case 'close':
      for (const p of players) p.ws?.terminate();
      process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));

send({ type: 'ready', pid: process.pid, openFilesSoft: 'n/a' });
