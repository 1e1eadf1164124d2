import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  PAIRING_ALPHABET,
  PAIRING_CODE_LENGTH,
  PAIRING_TTL_MS,
  screenSettings,
  toLocalIso,
  type PairingClaim,
  type PairingRequest,
  type PairingStarted,
  type PairingState,
  type ScreenSettings,
} from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { addressKey, networkKeys } from '../http/client-address.ts';
import { AppError } from '../errors.ts';
import { hashToken, newId, newSecret } from '../ids.ts';
import type { PairingRepo } from '../repos/pairings.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import { Throttle } from './throttle.ts';

/** Wrong codes allowed per client address and per session within the window, then 429. */
export const CLAIM_FAILURE_LIMIT = 5;
export const CLAIM_FAILURE_WINDOW_MS = 10 * 60_000;
/** Pairings one client address may start per window (a box starts one per expired code). */
export const START_LIMIT = 120;
export const START_WINDOW_MS = 10 * 60_000;
/** Codes waiting at once, whoever asked: keeps a guess's odds negligible (≤ 1000 / 32⁶). */
export const MAX_LIVE_PAIRINGS = 1_000;
/**
 * Codes waiting at once per address and per network (IPv4 /24, IPv6 /64). A box waits with one
 * code; more are boxes being set up together behind one router (pre-register beyond that).
 */
export const LIVE_PER_ADDRESS = 10;
export const LIVE_PER_NETWORK = 30;
/** The last of MAX_LIVE_PAIRINGS go only to networks with no code waiting, so a flood from many networks still leaves new screens room. */
export const PAIRING_RESERVE = 200;
/** After a claim, the player has this long past the code's expiry to collect its token. */
export const COLLECT_GRACE_MS = 10 * 60_000;
/** Expired rows stay this long, so a late claim or poll hears "expired" rather than "unknown". */
export const KEEP_EXPIRED_MS = 60 * 60_000;

export type NewScreen = ScreenSettings & { wardCode: string | null };

/** Thrown with the seconds to wait; the route turns it into a 429 with `Retry-After`. */
export class Throttled extends AppError {
  constructor(code: string, message: string, readonly retryAfterS: number) {
    super(429, code, message);
  }
}

/**
 * The screen token is derived from the pairing secret, which only the player holds: the
 * database keeps their hashes, never a usable token, and the token exists in clear only in the
 * one answer that hands it over.
 */
export const tokenFromSecret = (secret: string) =>
  createHmac('sha256', secret).update('bangtin screen token v1').digest('base64url');

/** Six characters drawn uniformly: the alphabet has 32 letters, so a byte's low 5 bits pick one. */
export function newPairingCode(random: (n: number) => Buffer = randomBytes): string {
  let code = '';
  for (const byte of random(PAIRING_CODE_LENGTH)) code += PAIRING_ALPHABET[byte & 31];
  return code;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Pairing a new screen: a player starts, an operator claims the code, the player collects. */
export class PairingService {
  readonly #claimFailures: Throttle;
  readonly #starts: Throttle;

  constructor(
    private readonly deps: { db: Db; clock: Clock; pairings: PairingRepo; screens: ScreenRepo; newCode?: () => string },
  ) {
    this.#claimFailures = new Throttle({ limit: CLAIM_FAILURE_LIMIT, windowMs: CLAIM_FAILURE_WINDOW_MS, clock: deps.clock });
    this.#starts = new Throttle({ limit: START_LIMIT, windowMs: START_WINDOW_MS, clock: deps.clock });
  }

  /** A new code for a player without a token, asking from `address` (the client's). */
  start(request: PairingRequest, address: string): PairingStarted {
    const now = this.deps.clock.now();
    const keys = [`address:${addressKey(address)}`];
    const wait = this.#starts.waitMs(keys);
    if (wait > 0) throw new Throttled('too_many_pairings', 'Too many pairing codes requested from this address', Math.ceil(wait / 1000));
    this.deps.pairings.purge(now - KEEP_EXPIRED_MS);
    const from = networkKeys(address);
    this.#checkRoom(from, now);
    const secret = newSecret(32);
    const record = {
      id: newId('pr'),
      code: '',
      secretHash: hashToken(secret),
      tokenHash: hashToken(tokenFromSecret(secret)),
      viewport: request.viewport,
      playerVersion: request.playerVersion ?? null,
      createdAt: now,
      expiresAt: now + PAIRING_TTL_MS,
    };
    // Codes are unique among all kept rows (so among live ones); a collision draws again.
    for (let attempt = 0; ; attempt++) {
      record.code = (this.deps.newCode ?? newPairingCode)();
      try {
        this.deps.pairings.insert(record, from);
        break;
      } catch (err) {
        if (attempt >= 20 || !/UNIQUE constraint failed: pairings\.code/.test(String(err))) throw err;
      }
    }
    this.#starts.hit(keys);
    return { pairingId: record.id, code: record.code, secret, expiresAt: toLocalIso(record.expiresAt) };
  }

  /** Refuses a new code when its address, its network or everyone has too many waiting. */
  #checkRoom(from: { address: string; network: string }, now: number): void {
    const { pairings } = this.deps;
    const refuse = (message: string, ...expiries: Array<number | null>) => {
      const first = Math.min(...expiries.map((e) => e ?? now + 60_000));
      return new Throttled('too_many_pairings', message, Math.ceil((first - now) / 1000));
    };
    const byAddress = pairings.live(now, { address: from.address });
    if (byAddress.count >= LIVE_PER_ADDRESS) throw refuse('Too many pairing codes are waiting for this address', byAddress.firstExpiry);
    const byNetwork = pairings.live(now, { network: from.network });
    if (byNetwork.count >= LIVE_PER_NETWORK) throw refuse('Too many pairing codes are waiting for this network', byNetwork.firstExpiry);
    const all = pairings.live(now);
    if (all.count >= MAX_LIVE_PAIRINGS || (all.count >= MAX_LIVE_PAIRINGS - PAIRING_RESERVE && byNetwork.count > 0)) {
      throw refuse('Too many screens are waiting to be paired; try again shortly', all.firstExpiry, byNetwork.firstExpiry);
    }
  }

  /**
   * What the player hears when it polls. Once claimed, the token is handed over and the row is
   * deleted: a second poll finds nothing.
   */
  poll(pairingId: string, secret: string): PairingState {
    const now = this.deps.clock.now();
    const row = this.deps.pairings.get(pairingId);
    // A wrong secret and an unknown id answer alike, so neither can be probed.
    if (!row || !sameHash(hashToken(secret), row.secretHash)) throw new AppError(404, 'pairing_not_found', 'No such pairing');
    if (row.screenId === null) {
      if (now >= row.expiresAt) throw new AppError(410, 'pairing_expired', 'The pairing code expired; ask for a new one');
      return { status: 'pending', expiresAt: toLocalIso(row.expiresAt) };
    }
    if (now >= row.expiresAt + COLLECT_GRACE_MS) throw new AppError(410, 'pairing_expired', 'The pairing expired before the player collected it');
    const screen = this.deps.screens.get(row.screenId);
    if (!screen) throw new AppError(404, 'pairing_not_found', 'No such pairing');
    this.deps.pairings.delete(row.id);
    return { status: 'paired', token: tokenFromSecret(secret), screen: screenSettings(screen) };
  }

  /**
   * An operator enters a code and names the screen. `keys` identify who is guessing (client
   * address, session): after `CLAIM_FAILURE_LIMIT` failures within the window, every claim from
   * them is refused with 429 until the window frees up, right codes included. `created` runs in
   * the transaction that creates the screen (the route logs it there).
   */
  claim(
    claim: Omit<PairingClaim, 'wardCode'> & { wardCode: string | null },
    keys: readonly string[],
    created: (screen: NewScreen) => void = () => {},
  ): NewScreen {
    const wait = this.#claimFailures.waitMs(keys);
    if (wait > 0) throw new Throttled('too_many_attempts', 'Too many wrong pairing codes; wait before trying again', Math.ceil(wait / 1000));
    const now = this.deps.clock.now();
    const row = this.deps.pairings.byCode(claim.code);
    const fail = (error: AppError) => {
      this.#claimFailures.hit(keys);
      return error;
    };
    if (!row) throw fail(new AppError(404, 'pairing_code_not_found', 'No screen is showing this code'));
    if (row.screenId !== null) throw fail(new AppError(409, 'pairing_already_claimed', 'This code has already been used'));
    if (now >= row.expiresAt) throw fail(new AppError(410, 'pairing_expired', 'This code expired; the screen shows a new one'));

    const screen: NewScreen = {
      ...screenSettings({ id: newId('s'), name: claim.name, ward: claim.ward ?? null, locationKind: claim.locationKind, tags: claim.tags }),
      wardCode: claim.wardCode,
    };
    this.deps.db.transaction(() => {
      this.deps.screens.insert(screen, row.tokenHash, now);
      if (!this.deps.pairings.claim(row.id, screen.id, now)) throw new AppError(409, 'pairing_already_claimed', 'This code has already been used');
      created(screen);
    })();
    return screen;
  }
}
