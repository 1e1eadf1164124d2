import { registerWorker } from './offline.ts';

/** A box that never navigates asks this often whether a new player was deployed. */
export const UPDATE_CHECK_MS = 60 * 60_000;

/**
 * The page's side of the service worker: registers it, asks for persistent storage, and takes a
 * new player build at an item boundary. A new worker installs beside the running one and waits;
 * `boundary()` (called as an item leaves the screen) tells it to take over, and the page reloads
 * once it controls the page — from the new build's cache, so a reload offline still works.
 */
export class ServiceWorkerClient {
  /** Registration failed (e.g. the worker's script is missing): no offline start. */
  failed = false;
  private registration: ServiceWorkerRegistration | null = null;
  private updateTimer: ReturnType<typeof setInterval> | undefined;
  private takingOver = false;

  constructor(private readonly reload: () => void = () => location.reload()) {}

  /** `registering`: the registration the page started at boot (offline.ts), or none yet. */
  async start(registering: Promise<ServiceWorkerRegistration> = registerWorker()): Promise<void> {
    void requestPersistence();
    try {
      this.registration = await registering;
    } catch (err) {
      this.failed = true;
      console.warn('bangtin: service worker not registered; no offline start', err);
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', this.onControllerChange);
    this.updateTimer = setInterval(() => this.checkForUpdate(), UPDATE_CHECK_MS);
  }

  stop(): void {
    clearInterval(this.updateTimer);
    navigator.serviceWorker?.removeEventListener('controllerchange', this.onControllerChange);
  }

  /** Asks the server for a newer worker (e.g. after reconnecting: the server may be new). */
  checkForUpdate(): void {
    this.registration?.update().catch(() => {
      // Offline: the next check will do.
    });
  }

  /** An item just ended: if a new build is waiting, let it take over now. */
  boundary(): void {
    const waiting = this.registration?.waiting;
    // Without a controller this is the first install, which takes the page by itself.
    if (!waiting || !navigator.serviceWorker.controller || this.takingOver) return;
    this.takingOver = true;
    waiting.postMessage({ type: 'skip-waiting' });
  }

  private readonly onControllerChange = () => {
    // Only a take-over this page asked for reloads it (not the first worker claiming it).
    if (this.takingOver) this.reload();
  };
}

/** Asks the browser not to evict this origin's storage under pressure (best effort). */
async function requestPersistence(): Promise<void> {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch {
    // Not offered here: eviction stays possible, the cache refills from the server.
  }
}
