import { CloseCode } from '../playlists/player.ts';
import type { KeyValueStorage } from './store.ts';

/** How the player recovers from a closed socket. Pure, so the rules are tested without sockets. */

export const BACKOFF_BASE_MS = 500;
/**
 * The longest wait between attempts. It is also how long after a server comes back a screen may
 * still wait, however long the server was away: at 15 s, screens that had backed off through a
 * longer restart came back up to 15 s after it answered (issue 15 asks for 10 s). At 8 s a
 * city's 10,000 screens retry some 2,500 times a second against a server that is down (each
 * refused at once, or answered 502 by a proxy), and the reconnect storm spreads over 8 s.
 */
export const BACKOFF_CAP_MS = 8_000;
/** At most one reload for an unsupported protocol per this window, so a bad deploy cannot loop. */
export const RELOAD_GUARD_MS = 5 * 60_000;
export const RELOAD_KEY = 'bangtin.reloadAt';
/**
 * After the server refused play events (4009), wait at least this before reconnecting: its
 * allowance of 10 events a second refills a batch of 500 in 50 s. The queue is kept.
 */
export const PLAYS_REFUSED_DELAY_MS = 60_000;
/** After 1013 (the server sheds load), wait at least this: the crowd it turned away spreads out. */
export const TRY_AGAIN_LATER_DELAY_MS = 2_000;

/**
 * Exponential backoff with full jitter: uniform in [0, min(cap, base·2^attempt)). Thousands of
 * screens reconnecting after a server restart spread out instead of arriving together.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  base = BACKOFF_BASE_MS,
  cap = BACKOFF_CAP_MS,
): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/**
 * - `reconnect`: try again after a backoff delay (bad frame, too slow, network loss, restart).
 * - `forget`: the token is unknown, revoked or its screen retired; drop it and show the unregistered screen.
 * - `reload`: the server no longer speaks this protocol; a reload fetches a newer player.
 * - `stop`: a newer connection of the same screen replaced this one.
 */
export type CloseAction = 'reconnect' | 'forget' | 'reload' | 'stop';

export function closeAction(code: number): CloseAction {
  switch (code) {
    case CloseCode.unknownToken:
    case CloseCode.tokenRevoked:
    case CloseCode.retired:
      return 'forget';
    case CloseCode.unsupportedProtocol:
      return 'reload';
    case CloseCode.replaced:
      return 'stop';
    default:
      // badFrame, tooSlow, playsRefused and tryAgainLater (after retryFloorMs), and every non-bangtin code (1006 network loss, 1001 server going away…)
      return 'reconnect';
  }
}

/** The least wait before reconnecting after a close with `code`, added to the jittered backoff. */
export function retryFloorMs(code: number): number {
  return code === CloseCode.playsRefused ? PLAYS_REFUSED_DELAY_MS : code === CloseCode.tryAgainLater ? TRY_AGAIN_LATER_DELAY_MS : 0;
}

/** Whether a reload is allowed now, given when the last one happened (null: never). */
export function reloadAllowed(lastReloadAt: number | null, now: number): boolean {
  if (lastReloadAt === null || !Number.isFinite(lastReloadAt)) return true;
  // A clock that went backwards since the last reload must not block reloads for good.
  return now - lastReloadAt >= RELOAD_GUARD_MS || now < lastReloadAt;
}

/**
 * Whether to reload now; if so, the reload is recorded in per-tab storage first. Without
 * storage to record it in, a reload cannot be guarded, so it is not risked.
 */
export function guardedReload(session: KeyValueStorage | null, now: number): boolean {
  if (!session) return false;
  try {
    const raw = session.getItem(RELOAD_KEY);
    if (!reloadAllowed(raw ? Number(raw) : null, now)) return false;
    session.setItem(RELOAD_KEY, String(now));
  } catch {
    return false;
  }
  return true;
}
