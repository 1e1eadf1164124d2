import './zod-config.ts';
import { z } from 'zod';
import { WardCode, WardKind, text } from './classic.ts';

/** The wards as the API carries them (the ward list, its CSV import). */
export const WardFields = z.strictObject({ name: text(120), kind: WardKind });
export type WardFields = z.infer<typeof WardFields>;
export const Ward = WardFields.extend({ code: WardCode });
export type Ward = z.infer<typeof Ward>;
export const WardCreate = z.strictObject({ code: WardCode, name: text(120), kind: WardKind });

export const WardEntry = Ward.extend({
  /** Screens linked to the ward by code. */
  screens: z.int(),
  /** Ward operators bound to the ward. */
  users: z.int(),
});
export type WardEntry = z.infer<typeof WardEntry>;
export const WardList = z.object({ wards: z.array(WardEntry) });

/** A CSV with the header `code,name,type`; type is the unit's kind in Vietnamese (commune or ward). All rows or none are written. */
export const WardImport = z.strictObject({ csv: z.string().min(1).max(200_000) });
export const WardImportResult = z.object({ created: z.int(), updated: z.int(), unchanged: z.int() });
export type WardImportResult = z.infer<typeof WardImportResult>;
