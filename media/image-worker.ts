import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ReplyMessage } from './image-child.ts';
import type { ImageJob, ImageJobResult } from './image-jobs.ts';
import { MediaError } from './errors.ts';

const CHILD = fileURLToPath(new URL('./image-child.ts', import.meta.url));
/** tsx's loader, found from here: the child runs TypeScript whatever started the server (npm start, vitest, a bench). */
const TSX = createRequire(import.meta.url).resolve('tsx');

export interface ImageWorkerOptions {
  /** The process ends after this long without a job, handing back everything it allocated. */
  idleMs?: number;
  /** A job running longer is stopped (the process with it) and the picture refused. */
  timeoutMs?: number;
}

/**
 * Runs picture jobs (image-jobs.ts) in a child process, one at a time (issue 11). A 10000×10000
 * progressive JPEG decoded on the server's main thread, six copies at once, took it from
 * 125 MB to 2 GB and glibc kept the memory; here one decode runs at a time, in a process that
 * ends when idle, so the server's memory falls back however much a decode took. The event loop
 * only waits for the answer. A process that dies mid-job fails that job; the next one starts a
 * new process.
 */
export class ImageWorker {
  readonly #idleMs: number;
  readonly #timeoutMs: number;
  #child: { process: ChildProcess; ready: Promise<void> } | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #idle: NodeJS.Timeout | null = null;
  #nextId = 1;
  /** The child's peak resident memory as it reported with its last answer (bytes). */
  lastPeakBytes = 0;

  constructor(o: ImageWorkerOptions = {}) {
    this.#idleMs = o.idleMs ?? 2_000;
    this.#timeoutMs = o.timeoutMs ?? 120_000;
  }

  /** The process id of the running child, if one runs. */
  get pid(): number | null {
    return this.#child?.process.pid ?? null;
  }

  run<J extends ImageJob>(job: J): Promise<ImageJobResult<J>> {
    this.#pending += 1;
    if (this.#idle) clearTimeout(this.#idle);
    const task = () => this.#exec(job) as Promise<ImageJobResult<J>>;
    const run = this.#queue.then(task, task).finally(() => {
      this.#pending -= 1;
      if (this.#pending === 0) this.#goIdle();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the child now (tests; a server shutting down need not: the child ends with it). */
  close(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#child?.process.kill();
    this.#child = null;
  }

  async #exec(job: ImageJob): Promise<unknown> {
    const child = this.#start();
    await child.ready;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        child.process.off('message', onMessage);
        child.process.off('exit', onExit);
      };
      const onMessage = (m: ReplyMessage) => {
        if (m.id !== id) return;
        done();
        if (m.ok) {
          this.lastPeakBytes = m.peakBytes;
          resolve(withBuffers(m.result));
        } else reject(m.error.status && m.error.code ? new MediaError(m.error.status, m.error.code, m.error.message) : new Error(`image worker: ${m.error.message}`));
      };
      const onExit = (code: number | null, signal: string | null) => {
        done();
        reject(new Error(`the image worker ended during a job (${signal ?? `exit ${code}`})`));
      };
      const timer = setTimeout(() => {
        done();
        this.close();
        reject(new MediaError(422, 'media_too_complex', `The picture took more than ${this.#timeoutMs / 1000} s to process; export it smaller`));
      }, this.#timeoutMs);
      child.process.on('message', onMessage);
      child.process.once('exit', onExit);
      child.process.send({ id, job }, (e) => {
        if (!e) return;
        done();
        reject(new Error(`the image worker ended during a job (${e.message})`));
      });
    });
  }

  #start(): { process: ChildProcess; ready: Promise<void> } {
    if (this.#child && this.#child.process.exitCode === null && this.#child.process.signalCode === null) {
      this.#child.process.ref();
      this.#child.process.channel?.ref();
      return this.#child;
    }
    const child = fork(CHILD, [], {
      execArgv: ['--import', TSX],
      serialization: 'advanced',
      // Fewer malloc arenas: less memory held between the jobs of one busy spell.
      env: { ...process.env, MALLOC_ARENA_MAX: '2' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number | null) => reject(new Error(`the image worker could not start (exit ${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.once('error', reject);
    });
    child.once('exit', () => {
      if (this.#child?.process === child) this.#child = null;
    });
    // Failures reach the job that was running (its 'exit'); nothing else needs them.
    child.on('error', () => undefined);
    this.#child = { process: child, ready };
    return this.#child;
  }

  /** Lets the process go after a quiet spell; meanwhile it keeps nothing of ours alive. */
  #goIdle(): void {
    const child = this.#child?.process;
    if (!child) return;
    child.unref();
    child.channel?.unref();
    this.#idle = setTimeout(() => {
      if (this.#pending === 0) this.close();
    }, this.#idleMs);
    this.#idle.unref();
  }
}

/** Structured clone hands Uint8Arrays back; the rest of the library works with Buffers. */
function withBuffers(result: unknown): unknown {
  if (result && typeof result === 'object' && 'derivatives' in result) {
    const r = result as { derivatives: { bytes: Uint8Array }[] };
    for (const d of r.derivatives) d.bytes = Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
  }
  return result;
}

/** The one worker of this process: pictures are decoded one at a time, whichever library asks. */
export const imageWorker = new ImageWorker();
