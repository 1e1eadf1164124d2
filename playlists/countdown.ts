import type { ContentItem } from './content.ts';
import { DAY_MS, HOUR_MS, localDaysBetween, localParts, localToInstant, startOfLocalDay } from './time.ts';

type Countdown = Extract<ContentItem, { kind: 'countdown' }>;
type CountdownRule = Pick<Countdown, 'eventDate' | 'eventTime' | 'annual' | 'afterDays'>;

/**
 * What a countdown says at an instant, in Asia/Ho_Chi_Minh:
 * - `days`: 24 hours or more to go; `days` counts calendar days, so at 23:00 on 02/10 an
 *   event on 04/10 is 2 days away.
 * - `hours`: under 24 hours to go, on an earlier day; `hours` rounds up.
 * - `today`: the whole event day, before and after the event's time.
 * - `after`: the `afterDays` days after the event day (one-shot only).
 * - `over`: nothing to show; the item is out of rotation.
 */
export type CountdownStage =
  | { stage: 'days'; days: number; eventAt: number }
  | { stage: 'hours'; hours: number; eventAt: number }
  | { stage: 'today'; eventAt: number }
  | { stage: 'after'; eventAt: number }
  | { stage: 'over'; eventAt: number };

/** The instant of the occurrence that a countdown counts to at `at`. */
export function countdownTarget(rule: CountdownRule, at: number): number {
  if (!rule.annual) return localToInstant(rule.eventDate, rule.eventTime);
  const [, month, day] = rule.eventDate.split('-');
  let year = localParts(at).year;
  for (;;) {
    const date = `${year}-${month}-${day}`;
    const eventAt = localToInstant(date, rule.eventTime);
    // An occurrence counts until its local day ends; 29/02 falls on 01/03 in other years.
    if (startOfLocalDay(eventAt) + DAY_MS > at) return eventAt;
    year += 1;
  }
}

export function countdownStage(rule: CountdownRule, at: number): CountdownStage {
  const eventAt = countdownTarget(rule, at);
  const days = localDaysBetween(at, eventAt);
  if (days === 0) return { stage: 'today', eventAt };
  if (days > 0) {
    const left = eventAt - at;
    if (left >= DAY_MS) return { stage: 'days', days, eventAt };
    return { stage: 'hours', hours: Math.max(1, Math.ceil(left / HOUR_MS)), eventAt };
  }
  if (-days <= rule.afterDays) return { stage: 'after', eventAt };
  return { stage: 'over', eventAt };
}

/** When a countdown leaves rotation for good (one-shot), or null if it never does (annual). */
export function countdownEndsAt(rule: CountdownRule): number | null {
  if (rule.annual) return null;
  const eventAt = localToInstant(rule.eventDate, rule.eventTime);
  return startOfLocalDay(eventAt) + (1 + rule.afterDays) * DAY_MS;
}
