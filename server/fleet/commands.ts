import { toLocalIso, type CommandAction, type CommandStatus } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Hub } from '../hub/hub.ts';

/** A command a screen has not answered within this counts as timed out. */
export const COMMAND_TIMEOUT_MS = 30_000;

interface Sent {
  id: string;
  action: CommandAction;
  sentAt: number;
  result: { ok: boolean; error: string | null } | null;
}

/**
 * Remote actions (reload, identify, clear cache): sends them through the hub and remembers the
 * last one per screen with its answer, for the dashboard. Kept in memory: after a restart the
 * dashboard simply shows no last command.
 */
export class CommandDesk {
  readonly #last = new Map<string, Sent>();

  constructor(
    private readonly deps: { clock: Clock; hub: Hub; changed(screenId: string): void; timeoutMs?: number },
  ) {
    deps.hub.onCommandResult((screenId, result) => {
      const sent = this.#last.get(screenId);
      // An answer to an older command, or to none we sent, changes nothing.
      if (!sent || sent.id !== result.id || sent.result) return;
      sent.result = { ok: result.ok, error: result.error ?? null };
      deps.changed(screenId);
    });
  }

  /** Sends `action` to a connected screen; 409 `screen_offline` when it is not connected. */
  send(screenId: string, action: CommandAction): CommandStatus {
    const id = newId('cmd');
    if (!this.deps.hub.sendCommand(screenId, id, action)) {
      throw new AppError(409, 'screen_offline', 'The screen is not connected; commands reach connected screens only');
    }
    const sent: Sent = { id, action, sentAt: this.deps.clock.now(), result: null };
    this.#last.set(screenId, sent);
    this.deps.changed(screenId);
    const timeout = this.deps.timeoutMs ?? COMMAND_TIMEOUT_MS;
    // Tell dashboards when it times out; the state itself is worked out from the clock.
    setTimeout(() => {
      if (this.#last.get(screenId) === sent && !sent.result) this.deps.changed(screenId);
    }, timeout + 10).unref?.();
    return this.last(screenId)!;
  }

  last(screenId: string): CommandStatus | null {
    const sent = this.#last.get(screenId);
    if (!sent) return null;
    const timedOut = !sent.result && this.deps.clock.now() - sent.sentAt >= (this.deps.timeoutMs ?? COMMAND_TIMEOUT_MS);
    return {
      id: sent.id,
      action: sent.action,
      state: sent.result ? (sent.result.ok ? 'done' : 'failed') : timedOut ? 'timed_out' : 'sent',
      sentAt: toLocalIso(sent.sentAt),
      error: sent.result?.error ?? null,
    };
  }
}
