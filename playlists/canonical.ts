/**
 * JSON with object keys sorted, so equal values give equal bytes wherever they are built: the
 * server hashes it into a manifest's version, and the player hashes it again to check a
 * manifest it put together from a patch (manifest-patch.ts).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
    }
    return v;
  });
}
