import './zod-config.ts';
import { z } from 'zod';
import { CommandAction, DeviceReport, Id, Instant } from './classic.ts';

/**
 * How the fleet dashboard judges a screen. `online`: connected, or disconnected for less than
 * the grace period (a link that drops for seconds does not flap); `offline`: disconnected for
 * longer; `never`: it has never connected (registered, not installed yet).
 */
export const ScreenState = z.enum(['online', 'offline', 'never']);
export type ScreenState = z.infer<typeof ScreenState>;

/** Whether the manifest a screen acknowledged is the one its audience should run now. */
export const ScreenSync = z.enum(['current', 'behind', 'unknown']);
export type ScreenSync = z.infer<typeof ScreenSync>;

/** A remote action's progress: sent, answered (done or failed), or unanswered in time. */
export const CommandState = z.enum(['sent', 'done', 'failed', 'timed_out']);
export type CommandState = z.infer<typeof CommandState>;

export const CommandStatus = z.object({
  id: Id,
  action: CommandAction,
  state: CommandState,
  sentAt: Instant,
  /** Why the screen could not do it (state `failed`). */
  error: z.string().nullable(),
});
export type CommandStatus = z.infer<typeof CommandStatus>;

/** `POST /api/screens/{id}/commands`. */
export const CommandRequest = z.strictObject({ action: CommandAction });
export const CommandSent = z.object({ command: CommandStatus });

/** What the fleet dashboard adds to a screen's status (spread into `ScreenStatus`). */
export const FleetFields = {
  state: ScreenState,
  sync: ScreenSync,
  /** When the current connection was opened; null while disconnected. */
  connectedAt: Instant.nullable(),
  uptimeMs: z.int().min(0).nullable(),
  playing: z.object({ itemId: Id, since: Instant }).nullable(),
  /** The device facts of its last report; kept while it is offline. */
  device: DeviceReport.nullable(),
  /**
   * Raised when it has been offline longer than the alert threshold counted within its
   * operating hours (and it is open now); cleared when it returns or closes.
   */
  alert: z.object({ since: Instant }).nullable(),
  /** Within its operating hours now (always, without hours): offline outside them is no alarm. */
  open: z.boolean().default(true),
  /** The last remote action sent to it since the server started. */
  command: CommandStatus.nullable(),
};

/** The dashboard's thresholds, so the page can explain them. */
export const FleetSettings = z.object({ graceMs: z.int(), alertAfterMs: z.int() });
export type FleetSettings = z.infer<typeof FleetSettings>;
