import './zod-config.ts';
import * as z from 'zod/mini';

/** Ward-level units: xã (rural commune) or phường (urban ward). */
export const WardKind = /* @__PURE__ */ z.enum(['xa', 'phuong']);
export type WardKind = z.infer<typeof WardKind>;

/** The official code of a ward-level unit (Hanoi's are five digits; others are allowed). */
export const WardCode = /* @__PURE__ */ z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/, 'expected a ward code (a letter or digit, then letters, digits, _ or -)'));

/** A ward-list CSV to start from (the header the import expects and two example rows); demo content. */
export const WARD_CSV_TEMPLATE = 'code,name,type\n00070,Phường Hoàn Kiếm,phường\n10015,Xã Sóc Sơn,xã\n';
