import './zod-config.ts';
import * as z from 'zod/mini';
import { Id } from './content.ts';
import { ScreenSettings } from './screen.ts';
import { Instant } from './time.ts';

/**
 * Pairing a new screen (DESIGN.md, public contract): a player without a token asks for a code of
 * 6 characters from A–Z and 2–9 without look-alikes (no 0, O, 1, I), shows it, and polls until an
 * operator enters the code in the admin page; then it receives its screen token once.
 */
export const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 6;
/** How long a code can be claimed. */
export const PAIRING_TTL_MS = 10 * 60_000;
/** How often a player asks whether it has been paired. */
export const PAIRING_POLL_MS = 3_000;
/** The header that carries the pairing secret when a player polls. */
export const PAIRING_SECRET_HEADER = 'X-Pairing-Secret';

const CODE_PATTERN = /^[A-HJ-NP-Z2-9]{6}$/;

/** A pairing code as an operator may type it: case, spaces and hyphens do not matter. */
export const PairingCode = /* @__PURE__ */ z
  .string()
  .check(
    z.maxLength(20),
    z.overwrite((s) => s.replace(/[\s-]/g, '')),
    z.toUpperCase(),
    z.regex(CODE_PATTERN, 'expected 6 characters from A–Z and 2–9 (no 0, O, 1, I)'),
  );

export function isPairingCode(value: string): boolean {
  return CODE_PATTERN.test(value);
}

const Viewport = /* @__PURE__ */ z.strictObject({ width: z.int().check(z.minimum(0), z.maximum(20_000)), height: z.int().check(z.minimum(0), z.maximum(20_000)) });

export const PairingRequest = /* @__PURE__ */ z.strictObject({
  viewport: Viewport,
  playerVersion: z.optional(z.string().check(z.maxLength(40))),
});
export type PairingRequest = z.infer<typeof PairingRequest>;

export const PairingStarted = /* @__PURE__ */ z.object({
  pairingId: Id,
  code: z.string().check(z.regex(CODE_PATTERN)),
  /** Shown to nobody: the player sends it back in `X-Pairing-Secret` when it polls. */
  secret: z.string().check(z.minLength(32), z.maxLength(100)),
  expiresAt: Instant,
});
export type PairingStarted = z.infer<typeof PairingStarted>;

/** What a poll answers: still waiting, or paired (the token is handed over this once). */
export const PairingState = /* @__PURE__ */ z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), expiresAt: Instant }),
  z.object({ status: z.literal('paired'), token: z.string().check(z.minLength(1), z.maxLength(200)), screen: ScreenSettings }),
]);
export type PairingState = z.infer<typeof PairingState>;
