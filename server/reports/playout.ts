import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import type { ItemCatalog } from './items.ts';

/**
 * The out-of-home industry's digital playout file (Outsmart "Playout File Format" 1.5): UTF-8,
 * no header, one record per play, 19 fields, LF after every record, TEXT quoted only when it
 * holds a comma or a quote. README ("Playout export") maps each field to bangtin's data.
 */
export const PLAYOUT_FIELDS = [
  'frameid', 'playerref', 'startdate', 'startutcoffset', 'enddate', 'endutcoffset', 'spotlength', 'shareoftime',
  'orderid', 'lineid', 'spacebuyerid', 'spaceagencyid', 'spacebrandid', 'buyercampaignref', 'creativeid',
  'creativename', 'thirdpartycreativeref', 'creativetriggerevent', 'mediaownerplayoutref',
] as const;

/** Hanoi's offset, for every start and end (no daylight saving). */
export const UTC_OFFSET = '+07:00';
/** SPACE buyer and brand ids are mandatory integers bangtin has no notion of. */
export const NO_SPACE_ID = '0';
/** The order of plays no schedule placed (a screen's fallback playlist). */
export const FALLBACK_ORDER = 'fallback';
/** Rows read per page: a page is read, written out, and the event loop is free before the next. */
export const PLAYOUT_PAGE = 5_000;

/** An identifier cut to the field's length, by a stable hash when too long (ids stay unique). */
function fit(id: string, max: number): string {
  return id.length <= max ? id : createHash('sha1').update(id).digest('base64url').slice(0, max);
}

/** TEXT: one line, no padding, quoted (quotes doubled) only when it holds a comma or a quote. */
function text(value: string, max: number): string {
  const s = value.replace(/[\r\n\t]+/g, ' ').trim().slice(0, max).trim();
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY = 86_400_000;
const dayPrefixes = new Map<number, string>();

/** UTC `yyyy-mm-ddThh:mm:ss.sss`, by arithmetic: `toISOString` twice a row was a third of the export's time. */
function utc(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size > 10_000) dayPrefixes.clear();
    dayPrefixes.set(day, (prefix = new Date(day * DAY).toISOString().slice(0, 11)));
  }
  let rest = ms - day * DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${prefix}${TWO[h]}:${TWO[m]}:${TWO[sec]}.${THREE[rest - sec * 1000]}`;
}

type Raw = [rowid: number, id: string, screenId: string, itemId: string, revision: number, playlistId: string | null,
  scheduleId: string | null, tier: string, theme: number, startedAt: number, durationMs: number];

/**
 * The plays of [from, until) as playout records, streamed page by page (keyset on start time and
 * row id), so a year of plays never sits in memory and other requests run between pages.
 * `screens`: only these screens' plays (null: all).
 */
export function playoutStream(deps: { db: Db; items: ItemCatalog }, from: number, until: number, screens: readonly string[] | null): ReadableStream<Uint8Array> {
  const { db } = deps;
  const page = db.prepare(
    `SELECT rowid, id, screen_id, item_id, item_revision, playlist_id, schedule_id, tier, theme, started_at, duration_ms
     FROM play_events WHERE (started_at, rowid) > (?, ?) AND started_at < ?
     ${screens ? 'AND screen_id IN (SELECT value FROM json_each(?))' : ''}
     ORDER BY started_at, rowid LIMIT ?`,
  ).raw();
  const frames = new Map(db.prepare<[], [string, number]>('SELECT screen_id, frame_id FROM report_frames').raw().all());
  // `creativeid,creativename` of each item revision, worked out once.
  const creatives = new Map<string, Map<number, string>>();
  const creative = (itemId: string, revision: number) => {
    let byRevision = creatives.get(itemId);
    if (!byRevision) creatives.set(itemId, (byRevision = new Map()));
    let v = byRevision.get(revision);
    if (v === undefined) {
      const name = deps.items.atRevision(itemId, revision)?.title ?? deps.items.lookup([itemId]).get(itemId)?.title ?? itemId;
      byRevision.set(revision, (v = `${text(fit(`${itemId}@${revision}`, 64), 64)},${text(name, 128)}`));
    }
    return v;
  };
  // The few distinct screens, orders and lines are formatted once each.
  const memo = (format: (key: string) => string) => {
    const cache = new Map<string, string>();
    return (key: string) => {
      let v = cache.get(key);
      if (v === undefined) cache.set(key, (v = format(key)));
      return v;
    };
  };
  const player = memo((screenId) => `${frames.get(screenId) ?? ''},${text(fit(screenId, 36), 36)}`);
  const order = memo((scheduleId) => text(fit(scheduleId, 36), 36));
  const line = memo((playlistId) => text(fit(playlistId, 36), 36));
  const scope = screens ? JSON.stringify(screens) : null;
  const encoder = new TextEncoder();
  let cursor: [number, number] = [from, -1];
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const rows = page.all(...(scope ? [cursor[0], cursor[1], until, scope, PLAYOUT_PAGE] : [cursor[0], cursor[1], until, PLAYOUT_PAGE])) as Raw[];
      if (rows.length === 0) return controller.close();
      let out = '';
      for (const [rowid, id, screenId, itemId, revision, playlistId, scheduleId, tier, theme, startedAt, durationMs] of rows) {
        // Play ids are [A-Za-z0-9-] (protocol.ts): never quoted, only cut when too long.
        out += `${player(screenId)},${utc(startedAt)},${UTC_OFFSET},${utc(startedAt + durationMs)},${UTC_OFFSET},${durationMs},,` +
          `${order(scheduleId ?? FALLBACK_ORDER)},${playlistId ? line(playlistId) : ''},${NO_SPACE_ID},,${NO_SPACE_ID},theme-${theme},` +
          `${creative(itemId, revision)},,${tier},${id.length <= 48 ? id : fit(id, 48)}\n`;
        cursor = [startedAt, rowid];
      }
      controller.enqueue(encoder.encode(out));
    },
  });
}
