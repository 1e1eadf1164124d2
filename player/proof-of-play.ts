import type { PlayEvent } from '../playlists/player.ts';
import type { PlaySender } from './play-sender.ts';
import { PlayQueue, PlayRecorder } from './plays.ts';
import type { PlayerStore } from './store.ts';

/** Proof of play on this screen, as the player wires it (controller.ts). */
export interface ProofOfPlay {
  /** Events queued in the store until the server acknowledges them. */
  readonly queue: PlayQueue;
  /** How plays are recorded, for the main zone's recorder and the ticker strip's (ticker-zone.ts). */
  readonly recording: ConstructorParameters<typeof PlayRecorder>[0];
  /** The main zone's recorder. */
  readonly recorder: PlayRecorder;
  /** Loads the sender once `shown` settles, then sends at once if `online()`; only the newest call's sender takes over. */
  startSending(shown: Promise<void>, send: (events: PlayEvent[]) => boolean, online: () => boolean): void;
  /** The connection came up (true) or went. */
  online(up: boolean): void;
  acknowledged(ids: string[]): void;
  /** Stops sending; a sender still loading never starts. */
  stopSending(): void;
  /** The screen was unregistered: events queued for a screen the server no longer knows cannot be stored anywhere. */
  forget(): void;
}

/**
 * Proof of play: events recorded as items leave the screen, in the main zone and the ticker strip
 * alike, queued until acknowledged, and sent by a sender that loads once the first content shows
 * (play-sender.ts).
 */
export function proofOfPlay(store: PlayerStore, now: () => number, screenId: () => string | null): ProofOfPlay {
  let sender: PlaySender | null = null;
  let senders = 0;
  const queue = new PlayQueue(store);
  const recording = { queue, now, monotonic: () => performance.now(), screenId, onRecorded: () => sender?.recorded() };
  const recorder = new PlayRecorder(recording);
  const stopSending = () => {
    sender?.stop();
    sender = null;
    senders++;
  };
  return {
    queue,
    recording,
    recorder,
    startSending: (shown, send, online) => {
      const run = ++senders;
      void shown
        .then(() => import('./play-sender.ts'))
        .then(({ PlaySender }) => {
          if (run !== senders) return;
          sender?.stop();
          sender = new PlaySender(queue, send);
          if (online()) sender.connected();
        })
        .catch((err: unknown) => console.warn('bangtin: play sender not loaded', err));
    },
    online: (up) => (up ? sender?.connected() : sender?.disconnected()),
    acknowledged: (ids) => sender?.acknowledged(ids),
    stopSending,
    forget: () => {
      recorder.discard();
      stopSending();
      queue.clear();
    },
  };
}
