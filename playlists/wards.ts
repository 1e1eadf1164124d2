import './zod-config.ts';
import * as z from 'zod/mini';

/** Ward-level units: a rural commune (`xa`) or an urban ward (`phuong`). */
export const WardKind = /* @__PURE__ */ z.enum(['xa', 'phuong']);
export type WardKind = z.infer<typeof WardKind>;

/** The official code of a ward-level unit (Hanoi's are five digits; others are allowed). */
export const WardCode = /* @__PURE__ */ z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/, 'expected a ward code (a letter or digit, then letters, digits, _ or -)'));
