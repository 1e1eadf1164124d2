import './zod-config.ts';
import * as z from 'zod/mini';
import { canonicalJson } from './canonical.ts';
import { MANIFEST_VERSION_CHARS, Manifest, type ManifestBody } from './manifest.ts';
import { ManifestPatch } from './manifest-patch.ts';

// Making, applying and checking manifest patches (PROTOCOL.md [P1], [P4], [P5]). Apart from the
// schema (manifest-patch.ts), so a player loads this only when its first patch comes.

/** The lists patched by id, and the fields replaced whole (a new `format` needs the whole manifest). */
const LISTS = ['items', 'playlists', 'schedules', 'media'] as const;
const FIELDS = ['revision', 'horizon', 'fallback', 'wardShare'] as const;

interface Keyed {
  id: string;
}
interface ListPatch {
  put?: Keyed[];
  drop?: string[];
  order?: string[];
}
type Loose = Record<string, unknown>;

/** The text a manifest's version hashes: its content, keys sorted, without the version itself. */
export function manifestContent(manifest: Manifest | ManifestBody): string {
  const { version: _version, ...body } = manifest as Manifest;
  return canonicalJson(body);
}

/** Whether `hexDigest` (a sha256 in hex) is the version `version` names. */
export const versionMatches = (hexDigest: string, version: string): boolean =>
  version.length >= 16 && hexDigest.slice(0, version.length) === version;

/** The manifest version of a sha256 hex digest of `manifestContent`. */
export const versionOfDigest = (hexDigest: string): string => hexDigest.slice(0, MANIFEST_VERSION_CHARS);

/**
 * The patch from `base` to `next`; null when there is none to give (another format, or a list
 * with an id twice). It may be larger than `next`: the sender compares and picks.
 */
export function diffManifest(base: Manifest, next: Manifest): ManifestPatch | null {
  if (base.format !== next.format) return null;
  const patch: Loose = { base: base.version, version: next.version };
  const [a, b] = [base as unknown as Loose, next as unknown as Loose];
  for (const key of FIELDS) {
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) patch[key] = b[key] ?? null;
  }
  for (const key of LISTS) {
    const list = diffList(a[key] as Keyed[], b[key] as Keyed[]);
    if (list === null) return null;
    if (list) patch[key] = list;
  }
  return patch as ManifestPatch;
}

/**
 * `base` with `patch` applied, as plain data to be parsed as a `Manifest` and its hash checked;
 * null when the patch is not for `base` or does not fit it.
 */
export function applyManifestPatch(base: Manifest, patch: ManifestPatch): Loose | null {
  if (base.version !== patch.base) return null;
  const from = base as unknown as Loose;
  const changes = patch as unknown as Loose;
  const out: Loose = {};
  for (const [key, value] of Object.entries(from)) if (key !== 'version') out[key] = value;
  for (const key of FIELDS) {
    const value = changes[key];
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  for (const key of LISTS) {
    const change = changes[key] as ListPatch | undefined;
    if (!change) continue;
    const list = applyList((from[key] ?? []) as Keyed[], change);
    if (!list) return null;
    out[key] = list;
  }
  out.version = patch.version;
  return out;
}

const uniqueIds = (list: Keyed[]): boolean => new Set(list.map((e) => e.id)).size === list.length;

/** A list's patch; undefined when the list is unchanged, null when it cannot be patched. */
function diffList(before: Keyed[], after: Keyed[]): ListPatch | undefined | null {
  if (!uniqueIds(before) || !uniqueIds(after)) return null;
  const old = new Map(before.map((e) => [e.id, canonicalJson(e)]));
  const kept = new Set(after.map((e) => e.id));
  const put = after.filter((e) => old.get(e.id) !== canonicalJson(e));
  const drop = before.filter((e) => !kept.has(e.id)).map((e) => e.id);
  const patch: ListPatch = {};
  if (put.length) patch.put = put;
  if (drop.length) patch.drop = drop;
  const laidOut = applyList(before, patch)!.map((e) => e.id);
  if (laidOut.some((id, i) => id !== after[i]!.id)) patch.order = after.map((e) => e.id);
  return put.length || drop.length || patch.order ? patch : undefined;
}

/** `list` with `patch` applied; null when it does not fit (an id twice, an order that is not the list's). */
function applyList(list: Keyed[], patch: ListPatch): Keyed[] | null {
  const dropped = new Set(patch.drop ?? []);
  const puts = new Map((patch.put ?? []).map((e) => [e.id, e]));
  if (puts.size !== (patch.put?.length ?? 0) || !uniqueIds(list)) return null;
  const out: Keyed[] = [];
  for (const entry of list) {
    if (dropped.has(entry.id)) continue;
    out.push(puts.get(entry.id) ?? entry);
    puts.delete(entry.id);
  }
  for (const entry of puts.values()) if (!dropped.has(entry.id)) out.push(entry);
  if (!patch.order) return out;
  const byId = new Map(out.map((e) => [e.id, e]));
  if (patch.order.length !== out.length || new Set(patch.order).size !== out.length) return null;
  const ordered = patch.order.map((id) => byId.get(id));
  return ordered.every((e) => e !== undefined) ? (ordered as Keyed[]) : null;
}

/**
 * The manifest a `patch` frame's patch makes of `held` (PROTOCOL.md [P5]): checked against its
 * schema, applied, parsed as a `Manifest` like
 * every manifest a player takes, and its content hashed with `sha256` (hex; Web Crypto on the
 * player); null when the patch is not for `held`, does not fit, or the result is not the
 * version it names.
 */
export async function patchedManifest(held: Manifest, frame: unknown, sha256: (text: string) => Promise<string>): Promise<Manifest | null> {
  const checked = z.safeParse(ManifestPatch, frame);
  if (!checked.success) return null;
  const patch = checked.data;
  const applied = applyManifestPatch(held, patch);
  if (!applied) return null;
  const parsed = z.safeParse(Manifest, applied);
  if (!parsed.success) return null;
  return versionMatches(await sha256(manifestContent(parsed.data)), patch.version) ? parsed.data : null;
}
