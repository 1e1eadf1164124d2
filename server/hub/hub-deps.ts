import type { Clock } from '../clock.ts';
import type { ManifestBuilder } from '../publishing/manifests.ts';
import type { PlayRepo } from '../repos/plays.ts';
import type { ReceiptRepo } from '../repos/receipts.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { StorageHealth } from '../storage/storage.ts';
import type { PlayerWrites } from './hub-writes.ts';
import type { PlayGuard } from './play-guard.ts';

/**
 * What the hub works from. The embedded server gives it the repositories themselves; a player
 * gateway (server/gateway) gives it the same shapes over the bus: screens and manifests as
 * control published them, and `writes` that hand plays and receipts to control's stream.
 */
export interface HubDeps {
  clock: Clock;
  screens: Pick<ScreenRepo, 'byTokenHash' | 'get' | 'recordSightings'>;
  plays: Pick<PlayRepo, 'insertBatches'>;
  manifests: Pick<ManifestBuilder, 'view'>;
  receipts: Pick<ReceiptRepo, 'recordMany'>;
  playGuard: Pick<PlayGuard, 'admit' | 'check' | 'forgetEnds' | 'tally' | 'refuseOversized'>;
  storage: Pick<StorageHealth, 'background'>;
  /** Where plays and receipts go; by default written to `plays` and `receipts` (hub-writes.ts). */
  writes?: PlayerWrites;
}

/** What a player socket's events go to: a hub session (hub.ts `accept`). */
export interface SocketHandlers {
  message(data: unknown): void;
  pong(): void;
  close(): void;
}
