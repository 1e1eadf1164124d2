import {
  ALERTS_LISTED,
  isOpen,
  SCREEN_PAGE_DEFAULT,
  type FleetCounts,
  type ScreenList,
  type ScreenPageQuery,
  type ScreenState,
} from '../../playlists/index.ts';
import { toLocalIso } from '../../playlists/index.ts';
import type { Hub } from '../hub/hub.ts';
import type { ScreenIndexEntry, ScreenRepo } from '../repos/screens.ts';
import type { WardScope } from '../auth/ward-scope.ts';
import type { Fleet } from './fleet.ts';

/** The index, sorted for people, as read at `stamp`. */
interface Index {
  stamp: string;
  entries: ScreenIndexEntry[];
}

/** A screen with an alert, as the list judged it. */
interface Judged {
  entry: ScreenIndexEntry;
  state: ScreenState;
  alertSince: number | null;
}

const collator = new Intl.Collator('vi');

type Glance = NonNullable<ReturnType<Hub['glance']>>;

/**
 * The fleet dashboard's list, paged on the server (`GET /api/screens`). Filtering, counting and
 * ordering run over a lean index of every screen (name, ward, kind, tags, hours: re-read only
 * when a screen is added or edited) and one raw read of last-seen times; only the screens of the
 * page are read in full and built into statuses. So a request costs a few milliseconds at 10,000
 * screens instead of building and serialising all of them (issue 15).
 */
export class FleetList {
  #index: Index | null = null;
  /** What the hub's glance answered for each index entry, as long as no screen came or went. */
  #lives: { index: Index; membership: number; lives: (Glance | undefined)[] } | null = null;

  constructor(private readonly deps: { screens: ScreenRepo; hub: Hub; fleet: Fleet }) {}

  page(query: ScreenPageQuery, scope: WardScope, now: number): ScreenList {
    const { offset = 0, limit = SCREEN_PAGE_DEFAULT } = query;
    const index = this.#current();
    const seen = this.deps.screens.sightings();
    const expected = this.deps.hub.expectedVersions();
    const counts: FleetCounts = { all: 0, online: 0, offline: 0, never: 0, closed: 0, alerts: 0, behind: 0 };
    const text = query.q?.trim().toLocaleLowerCase('vi') ?? '';
    const status = query.status ?? 'all';
    const noCache = status === 'no_offline_cache' ? this.deps.screens.withoutOfflineCache() : null;
    const wards = new Set<string>();
    // Matching screens by rank of attention (byAttention), each in name order as the index is:
    // a row object and a sort only for the few with an alert, not for 10,000 screens a request.
    const matchedAlerts: Judged[] = [];
    const matchedOffline: ScreenIndexEntry[] = [];
    const matchedRest: ScreenIndexEntry[] = [];
    const alerted: Judged[] = [];
    const lives = this.#livesOf(index);
    for (let i = 0; i < index.entries.length; i++) {
      const entry = index.entries[i]!;
      if (!scope.sees(entry.wardCode)) continue;
      if (entry.ward) wards.add(entry.ward);
      // A connected screen is online and raises nothing (Fleet.judge): most of 10,000 screens
      // are, and each request looks at all of them, so they are told apart without judging.
      const live = lives[i];
      let state: ScreenState = 'online';
      let alertSince: number | null = null;
      let acked: string | null;
      if (live) acked = live.ackedVersion;
      else {
        const sighting = seen.get(entry.id);
        acked = sighting?.[2] ?? null;
        const judged = this.deps.fleet.judge({ id: entry.id, lastSeenAt: sighting?.[1] ?? null, hours: entry.hours }, now);
        state = judged.state;
        alertSince = judged.alertSince;
      }
      const behind = acked !== null && acked !== expected(entry);
      counts.all += 1;
      if (state === 'offline' && !isOpen(entry.hours, now)) counts.closed += 1;
      else counts[state] += 1;
      const row: Judged | null = alertSince === null ? null : { entry, state, alertSince };
      if (row) {
        counts.alerts += 1;
        alerted.push(row);
      }
      if (behind) counts.behind += 1;
      if (query.ward && (entry.ward ?? '') !== query.ward) continue;
      if (query.kind && entry.locationKind !== query.kind) continue;
      if (text && !entry.name.toLocaleLowerCase('vi').includes(text)) continue;
      if (!matches(status, entry, state, alertSince, behind, noCache)) continue;
      if (row) matchedAlerts.push(row);
      else if (state === 'offline') matchedOffline.push(entry);
      else matchedRest.push(entry);
    }
    // Alerts first, the longest first (a stable sort keeps name order among equals).
    matchedAlerts.sort(bySince);
    alerted.sort(bySince);
    const shown = sliceOf([matchedAlerts.map((j) => j.entry), matchedOffline, matchedRest], offset, limit);
    const records = new Map(this.deps.screens.getMany(shown.map((e) => e.id)).map((r) => [r.id, r]));
    return {
      screens: this.deps.fleet.statuses(shown.flatMap((e) => records.get(e.id) ?? [])),
      total: matchedAlerts.length + matchedOffline.length + matchedRest.length,
      offset,
      limit,
      counts,
      wards: [...wards].sort(collator.compare),
      alerted: alerted.slice(0, ALERTS_LISTED).map((j) => ({ id: j.entry.id, name: j.entry.name, since: toLocalIso(j.alertSince!) })),
    };
  }

  /**
   * The hub's live object of each index entry (undefined: not connected). Looked up again only
   * when a screen came or went, or the index changed: during a fan-out every page request found
   * them anew, 10,000 map lookups that took most of the request (CPU profile of the bench).
   */
  #livesOf(index: Index): (Glance | undefined)[] {
    const membership = this.deps.hub.membership;
    const kept = this.#lives;
    if (kept?.index === index && kept.membership === membership) return kept.lives;
    const lives = index.entries.map((e) => this.deps.hub.glance(e.id));
    this.#lives = { index, membership, lives };
    return lives;
  }

  /**
   * Reads and sorts the index now, and works out each screen's audience (the manifests keep it
   * until audiences change, an edit does not), so the first page asked for after a start does
   * not wait for them: at 10,000 screens that page held the loop ~30 ms, in the middle of the
   * first publish an operator watched (CPU profile of the bench's first admin round).
   */
  prime(): void {
    const expected = this.deps.hub.expectedVersions();
    for (const entry of this.#current().entries) expected(entry);
  }

  /** The index, read again when a screen was added or edited since. */
  #current(): Index {
    const stamp = this.deps.screens.indexStamp();
    if (this.#index?.stamp === stamp) return this.#index;
    const entries = [...this.deps.screens.index()].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return (this.#index = { stamp, entries });
  }
}

/** Screens with an alert, the longest first. */
const bySince = (a: Judged, b: Judged): number => (a.alertSince ?? 0) - (b.alertSince ?? 0);

/** Rows `offset` to `offset + limit` of the lists one after the other, without joining them. */
function sliceOf<T>(lists: readonly (readonly T[])[], offset: number, limit: number): T[] {
  const out: T[] = [];
  let skip = offset;
  for (const list of lists) {
    if (out.length >= limit) break;
    if (skip >= list.length) {
      skip -= list.length;
      continue;
    }
    out.push(...list.slice(skip, skip + limit - out.length));
    skip = 0;
  }
  return out;
}

function matches(
  status: NonNullable<ScreenPageQuery['status']>,
  entry: ScreenIndexEntry,
  state: ScreenState,
  alertSince: number | null,
  behind: boolean,
  noCache: Set<string> | null,
): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'alert':
      return alertSince !== null;
    case 'behind':
      return behind;
    case 'no_offline_cache':
      return noCache?.has(entry.id) ?? false;
    default:
      return state === status;
  }
}
