import { createHash, randomBytes } from 'node:crypto';

/** A new row id: `prefix_` and 12 random base64url characters (`c_`, `p_`, `sch_`, `s_`, `pr_`, `cmd_`). */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url')}`;

/** A new secret of `bytes` random bytes, base64url: session ids and pairing secrets (32), screen tokens (24). */
export const newSecret = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** A screen's token, handed over once to whoever registers or re-keys the screen. */
export const newScreenToken = (): string => newSecret(24);

/**
 * How a secret is kept (screen tokens, session ids, pairing secrets): its sha256, in hex. The
 * database holds only this; the secret itself only its holder.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
