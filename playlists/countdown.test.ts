import { describe, expect, it } from 'vitest';
import { countdownEndsAt, countdownStage, countdownTarget } from './countdown.ts';

const at = (iso: string) => Date.parse(iso);

/** Vietnam Labour Skills Day, 04/10 every year, opening at 08:00. */
const skillsDay = { eventDate: '2026-10-04', eventTime: '08:00', annual: true, afterDays: 0 };
/** The same day without a time: it counts to local midnight that starts 04/10. */
const skillsDayNoTime = { eventDate: '2026-10-04', annual: true, afterDays: 0 };
/** A one-shot event on 04/10/2026 at 08:00. */
const oneShot = (afterDays: number) => ({ eventDate: '2026-10-04', eventTime: '08:00', annual: false, afterDays });

const eventAt2026 = at('2026-10-04T08:00:00+07:00');
const eventAt2027 = at('2027-10-04T08:00:00+07:00');

describe('countdownStage, days', () => {
  it('counts calendar days, not 24-hour periods', () => {
    // 32.5 hours to go, yet the event is two calendar days away.
    expect(countdownStage(skillsDay, at('2026-10-02T23:30:00+07:00'))).toEqual({
      stage: 'days',
      days: 2,
      eventAt: eventAt2026,
    });
    expect(countdownStage(skillsDayNoTime, at('2026-10-02T23:30:00+07:00'))).toEqual({
      stage: 'days',
      days: 2,
      eventAt: at('2026-10-04T00:00:00+07:00'),
    });
  });

  it('says 1 day on the day before while 24 hours or more remain', () => {
    expect(countdownStage(skillsDay, at('2026-10-03T00:10:00+07:00'))).toEqual({
      stage: 'days',
      days: 1,
      eventAt: eventAt2026,
    });
    // Exactly 24 hours still counts as a day.
    expect(countdownStage(skillsDay, at('2026-10-03T08:00:00+07:00'))).toMatchObject({ stage: 'days', days: 1 });
  });

  it('uses the local date, not the UTC date', () => {
    // 17:30Z on 02/10 is 00:30 on 03/10 in Hanoi: one day, not two.
    expect(countdownStage(skillsDay, at('2026-10-02T17:30:00Z'))).toMatchObject({ stage: 'days', days: 1 });
    expect(countdownStage(skillsDay, at('2026-10-02T16:30:00Z'))).toMatchObject({ stage: 'days', days: 2 });
  });

  it('counts across the year boundary', () => {
    const tet = { eventDate: '2027-01-01', eventTime: '08:00', annual: false, afterDays: 0 };
    expect(countdownStage(tet, at('2026-12-30T12:00:00+07:00'))).toMatchObject({ stage: 'days', days: 2 });
  });
});

describe('countdownStage, hours', () => {
  it('counts hours when under 24 hours remain on an earlier day', () => {
    expect(countdownStage(skillsDay, at('2026-10-03T09:00:00+07:00'))).toEqual({
      stage: 'hours',
      hours: 23,
      eventAt: eventAt2026,
    });
  });

  it('rounds hours up', () => {
    expect(countdownStage(skillsDay, at('2026-10-03T08:00:01+07:00'))).toMatchObject({ stage: 'hours', hours: 24 });
    expect(countdownStage(skillsDay, at('2026-10-03T23:59:59+07:00'))).toMatchObject({ stage: 'hours', hours: 9 });
  });

  it('counts hours on the evening before an event without a time', () => {
    expect(countdownStage(skillsDayNoTime, at('2026-10-03T00:10:00+07:00'))).toMatchObject({
      stage: 'hours',
      hours: 24,
    });
    expect(countdownStage(skillsDayNoTime, at('2026-10-03T23:30:00+07:00'))).toMatchObject({
      stage: 'hours',
      hours: 1,
    });
  });
});

describe('countdownStage, today', () => {
  it('is today for the whole local event day, before and after the event time', () => {
    for (const iso of [
      '2026-10-04T00:00:00+07:00',
      '2026-10-04T07:59:59+07:00',
      '2026-10-04T08:00:00+07:00',
      '2026-10-04T18:00:00+07:00',
      '2026-10-04T23:59:59.999+07:00',
    ]) {
      expect(countdownStage(skillsDay, at(iso)), iso).toEqual({ stage: 'today', eventAt: eventAt2026 });
    }
  });

  it('starts today at 17:00Z and ends it at the next 17:00Z', () => {
    expect(countdownStage(skillsDay, at('2026-10-03T16:59:59Z'))).toMatchObject({ stage: 'hours' });
    expect(countdownStage(skillsDay, at('2026-10-03T17:00:00Z'))).toMatchObject({ stage: 'today' });
    expect(countdownStage(skillsDay, at('2026-10-04T16:59:59Z'))).toMatchObject({ stage: 'today' });
    expect(countdownStage(skillsDay, at('2026-10-04T17:00:00Z'))).toMatchObject({ stage: 'days' });
  });
});

describe('countdownStage, annual', () => {
  it('rolls over to next year at local midnight after the event day', () => {
    expect(countdownStage(skillsDay, at('2026-10-05T00:00:00+07:00'))).toEqual({
      stage: 'days',
      days: 364,
      eventAt: eventAt2027,
    });
  });

  it('ignores the year of eventDate', () => {
    const from2020 = { ...skillsDay, eventDate: '2020-10-04' };
    expect(countdownTarget(from2020, at('2026-06-01T12:00:00+07:00'))).toBe(eventAt2026);
    expect(countdownTarget(from2020, at('2026-10-05T00:00:00+07:00'))).toBe(eventAt2027);
  });

  it('never shows after or over, whatever afterDays says', () => {
    const annual = { ...skillsDay, afterDays: 3 };
    expect(countdownStage(annual, at('2026-10-05T12:00:00+07:00'))).toMatchObject({ stage: 'days', days: 364 });
    expect(countdownEndsAt(annual)).toBeNull();
  });

  it('counts to the first occurrence in the local year, even when UTC is still in the last one', () => {
    const newYear = { eventDate: '2026-01-01', annual: true, afterDays: 0 };
    // 17:30Z on 31/12/2026 is 00:30 on 01/01/2027 in Hanoi.
    expect(countdownStage(newYear, at('2026-12-31T17:30:00Z'))).toEqual({
      stage: 'today',
      eventAt: at('2027-01-01T00:00:00+07:00'),
    });
    expect(countdownStage(newYear, at('2026-12-31T16:30:00Z'))).toMatchObject({ stage: 'hours', hours: 1 });
  });

  // Documented behaviour: a yearly 29/02 counts to 01/03 in common years (Date.UTC rolls the
  // day over) and to 29/02 in leap years.
  it('counts a yearly 29/02 to 01/03 in common years and to 29/02 in leap years', () => {
    const leapDay = { eventDate: '2024-02-29', eventTime: '08:00', annual: true, afterDays: 0 };
    expect(countdownTarget(leapDay, at('2027-02-01T12:00:00+07:00'))).toBe(at('2027-03-01T08:00:00+07:00'));
    expect(countdownStage(leapDay, at('2027-02-28T12:00:00+07:00'))).toMatchObject({ stage: 'hours', hours: 20 });
    expect(countdownStage(leapDay, at('2027-03-01T20:00:00+07:00'))).toMatchObject({ stage: 'today' });
    expect(countdownStage(leapDay, at('2027-03-02T00:00:00+07:00'))).toEqual({
      stage: 'days',
      days: 364,
      eventAt: at('2028-02-29T08:00:00+07:00'),
    });
    expect(countdownStage(leapDay, at('2028-02-29T12:00:00+07:00'))).toMatchObject({ stage: 'today' });
  });
});

describe('countdownStage, one-shot', () => {
  it('is over from local midnight after the event day when afterDays is 0', () => {
    expect(countdownStage(oneShot(0), at('2026-10-04T23:59:59+07:00'))).toMatchObject({ stage: 'today' });
    expect(countdownStage(oneShot(0), at('2026-10-05T00:00:00+07:00'))).toEqual({
      stage: 'over',
      eventAt: eventAt2026,
    });
    expect(countdownStage(oneShot(0), at('2027-10-04T08:00:00+07:00'))).toMatchObject({ stage: 'over' });
  });

  it('shows after for afterDays days, then is over', () => {
    const rule = oneShot(3);
    expect(countdownStage(rule, at('2026-10-05T00:00:00+07:00'))).toEqual({ stage: 'after', eventAt: eventAt2026 });
    expect(countdownStage(rule, at('2026-10-06T12:00:00+07:00'))).toMatchObject({ stage: 'after' });
    expect(countdownStage(rule, at('2026-10-07T23:59:59+07:00'))).toMatchObject({ stage: 'after' });
    expect(countdownStage(rule, at('2026-10-08T00:00:00+07:00'))).toMatchObject({ stage: 'over' });
  });

  it('counts to the same instant in any year before the event', () => {
    expect(countdownStage(oneShot(0), at('2025-10-05T00:00:00+07:00'))).toMatchObject({
      stage: 'days',
      days: 364,
      eventAt: eventAt2026,
    });
  });
});

describe('countdownEndsAt', () => {
  it('is local midnight after the event day when afterDays is 0', () => {
    expect(countdownEndsAt(oneShot(0))).toBe(at('2026-10-05T00:00:00+07:00'));
  });

  it('adds afterDays whole local days', () => {
    expect(countdownEndsAt(oneShot(3))).toBe(at('2026-10-08T00:00:00+07:00'));
  });

  it('is the first instant at which the stage is over', () => {
    for (const afterDays of [0, 1, 3, 60]) {
      const rule = oneShot(afterDays);
      const end = countdownEndsAt(rule)!;
      expect(countdownStage(rule, end - 1).stage, `afterDays ${afterDays}`).not.toBe('over');
      expect(countdownStage(rule, end).stage, `afterDays ${afterDays}`).toBe('over');
    }
  });

  it('does not depend on the event time', () => {
    const noTime = { eventDate: '2026-10-04', annual: false, afterDays: 0 };
    const late = { ...noTime, eventTime: '23:30' };
    expect(countdownEndsAt(noTime)).toBe(at('2026-10-05T00:00:00+07:00'));
    expect(countdownEndsAt(late)).toBe(at('2026-10-05T00:00:00+07:00'));
  });

  it('is null for an annual countdown', () => {
    expect(countdownEndsAt(skillsDay)).toBeNull();
  });
});
