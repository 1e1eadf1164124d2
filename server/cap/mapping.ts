import { NOTICE_BODY_MAX, NOTICE_TITLE_MAX, type ContentFields } from '../../playlists/index.ts';
import type { CapAlert, CapInfo } from './alert.ts';

/**
 * What bangtin makes of a CAP alert (README, "CAP alerts"): which `info` it reads, which tier
 * the alert's urgency, severity and certainty give, which wards it reaches, when it starts and
 * ends, and the notice screens show. Pure: the ingest decides with it, tests read it directly.
 */

export type CapTier = 'emergency' | 'priority';

/** Why an alert reaches no screen; stored with it and shown in the admin page. */
export type ListedReason =
  | 'status_test' | 'status_exercise' | 'status_system' | 'status_draft'
  | 'not_public' | 'no_info' | 'below_threshold' | 'expired' | 'outside_area' | 'acknowledgement' | 'error_message';

/** An alert without `expires` ends this long after it is effective (or sent); its sender can update or cancel it sooner. */
export const DEFAULT_ALERT_MS = 24 * 3_600_000;
/** The geocode `valueName` that names a ward by its code in the imported ward list. */
export const WARD_GEOCODE = 'ward';

const NEAR = ['Immediate', 'Expected'] as const;
const GRAVE = ['Extreme', 'Severe'] as const;
const SURE = ['Observed', 'Likely'] as const;
const has = (list: readonly string[], value: string) => list.includes(value);

/**
 * urgency × severity × certainty → tier. Emergency (at once, mid-item, every hour):
 * Immediate or Expected, and Extreme or Severe, and Observed or Likely. Priority (
 * played first, within its time): any other combination of Immediate, Expected or Future with
 * Extreme, Severe or Moderate and Observed, Likely or Possible. Anything with Past, Minor,
 * Unlikely or Unknown in it reaches no screen.
 */
export function tierOf(info: Pick<CapInfo, 'urgency' | 'severity' | 'certainty'>): CapTier | null {
  if (has(NEAR, info.urgency) && has(GRAVE, info.severity) && has(SURE, info.certainty)) return 'emergency';
  if (has([...NEAR, 'Future'], info.urgency) && has([...GRAVE, 'Moderate'], info.severity) && has([...SURE, 'Possible'], info.certainty)) return 'priority';
  return null;
}

/** The `info` in Vietnamese (`vi-VN`, else any `vi`), else the first: the one screens show. */
export function chooseInfo(infos: readonly CapInfo[]): CapInfo | null {
  const lang = (i: CapInfo) => i.language.toLowerCase();
  return infos.find((i) => lang(i) === 'vi-vn') ?? infos.find((i) => lang(i) === 'vi' || lang(i).startsWith('vi-')) ?? infos[0] ?? null;
}

/** Ward codes of the info's `ward` geocodes, split into known (in the ward list) and unknown. */
export function wardsOf(info: CapInfo, known: (code: string) => boolean): { named: boolean; wards: string[]; unknown: string[] } {
  const codes = [...new Set(info.areas.flatMap((a) => a.geocodes).filter((g) => g.valueName.toLowerCase() === WARD_GEOCODE).map((g) => g.value))];
  return { named: codes.length > 0, wards: codes.filter(known), unknown: codes.filter((c) => !known(c)) };
}

const tidy = (text: string | null) => (text ?? '').normalize('NFC').replace(/[ \t\u00A0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();

/** At most `max` characters, cut at a word with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

type Notice = Extract<ContentFields, { kind: 'notice' }>;

/**
 * The notice an alert shows: the headline (else the event) as its title; the description and
 * then the instruction as its body — the instruction kept whole where the body must be cut, as
 * what to do matters most to a passer-by; the sender's name as its source.
 */
export function noticeOf(info: CapInfo, durationMs: number): Notice {
  const title = clip(tidy(info.headline) || tidy(info.event), NOTICE_TITLE_MAX);
  const description = tidy(info.description);
  const instruction = clip(tidy(info.instruction), NOTICE_BODY_MAX);
  const room = NOTICE_BODY_MAX - (instruction ? instruction.length + 2 : 0);
  const body = [room > 20 && description ? clip(description, room) : '', instruction].filter(Boolean).join('\n\n') || title;
  const source = tidy(info.senderName);
  return { kind: 'notice', theme: 1, durationMs, title, body, ...(source ? { source: clip(source, 160) } : {}) };
}

/** What one alert, on its own, asks of screens. */
export type Decision =
  | { kind: 'listed'; reason: ListedReason; tier: CapTier | null; info: CapInfo | null; wards: string[] }
  | { kind: 'broadcast'; tier: CapTier; info: CapInfo; wards: string[]; startsAt: number; endsAt: number };

/**
 * Decides what an alert shows, at `now`, apart from what it refers to (the ingest applies an
 * Update's or a Cancel's references). Only Public alerts of status Actual reach screens: Test,
 * Exercise, System and Draft are listed in the admin page, as are Restricted and Private ones.
 */
export function decide(alert: CapAlert, now: number, knownWard: (code: string) => boolean): Decision {
  const info = chooseInfo(alert.infos);
  const tier = info ? tierOf(info) : null;
  const area = info ? wardsOf(info, knownWard) : { named: false, wards: [], unknown: [] };
  const listed = (reason: ListedReason): Decision => ({ kind: 'listed', reason, tier, info, wards: area.wards });
  if (alert.status !== 'Actual') return listed(`status_${alert.status.toLowerCase()}` as ListedReason);
  if (alert.msgType === 'Ack') return listed('acknowledgement');
  if (alert.msgType === 'Error') return listed('error_message');
  if (alert.scope !== 'Public') return listed('not_public');
  if (!info) return listed('no_info');
  if (!tier) return listed('below_threshold');
  // Ward geocodes that name none of the imported wards: the alert is for somewhere else.
  if (area.named && !area.wards.length) return listed('outside_area');
  const begins = info.effective ?? alert.sentAt;
  const startsAt = Math.max(now, begins);
  const endsAt = info.expires ?? begins + DEFAULT_ALERT_MS;
  if (endsAt <= now || endsAt <= startsAt) return listed('expired');
  return { kind: 'broadcast', tier, info, wards: area.wards, startsAt, endsAt };
}
