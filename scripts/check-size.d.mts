// Types for scripts/check-size.mjs (a plain Node script, imported by its unit test).
export const BUDGET_BYTES: number;
export function pageScripts(html: string): string[];
export function chunkImports(code: string): { statics: string[]; dynamics: string[] };
export function playerChunks(entries: string[], read: (path: string) => string): { boot: string[]; lazy: string[] };
export function kb(bytes: number): string;
export const EMBED_BUDGET_BYTES: number;
export function embedChunks(entries: string[], read: (path: string) => string): { before: string[]; firstContent: string[] };
