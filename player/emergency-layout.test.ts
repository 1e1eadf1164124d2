import { describe, expect, it } from 'vitest';
import { localToInstant } from '../playlists/player.ts';
import { BODY_MS, HEADING_MS, emergencyHeading, emergencyLayout, headingPhase, issuedAtOf } from './emergency-layout.ts';
import { MIN_FONT_PX, type Measure } from './legibility.ts';

const estimate: Measure = (text, weight) => {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? 0.26 : /[A-ZĐ0-9ẨẤ]/.test(ch) ? 0.7 : 0.55;
  return w * (weight >= 700 ? 1.08 : 1);
};
const ISSUED = localToInstant('2026-10-03', '08:15');

describe('the emergency heading', () => {
  it('says KHẨN CẤP and the time it was issued, with the date when not today', () => {
    expect(emergencyHeading(ISSUED, ISSUED + 3_600_000)).toBe('KHẨN CẤP · 08:15');
    expect(emergencyHeading(ISSUED, localToInstant('2026-10-04', '07:00'))).toBe('KHẨN CẤP · 08:15 ngày 03/10');
    expect(emergencyHeading(null, ISSUED)).toBe('KHẨN CẤP');
  });

  it('carries an event name after KHẨN CẤP (a CAP alert’s)', () => {
    expect(emergencyHeading(ISSUED, ISSUED, 'Bão số 3')).toBe('KHẨN CẤP · Bão số 3 · 08:15');
  });

  it('reads the issue time from the schedule: its start instant, else its first window', () => {
    expect(issuedAtOf({ time: { startDate: '2026-10-03', endDate: null, weekdays: [0, 1, 2, 3, 4, 5, 6], windows: [], startsAt: '2026-10-03T08:15:00+07:00' } })).toBe(ISSUED);
    expect(issuedAtOf({ time: { startDate: '2026-10-03', endDate: null, weekdays: [0], windows: [{ start: '08:15', end: '09:00' }] } })).toBe(ISSUED);
  });
});

describe('emergencyLayout', () => {
  const today = emergencyHeading(ISSUED, ISSUED);
  for (const [w, h] of [[1920, 1080], [1080, 1920], [384, 192], [192, 96]] as const) {
    it(`frames a ${w}×${h} screen and keeps a legible band above two legible lines of message`, () => {
      const l = emergencyLayout(w, h, today, estimate);
      expect(l.mode).toBe('band');
      expect(l.frame).toBeGreaterThanOrEqual(3);
      expect(l.bandPx).toBeGreaterThan(MIN_FONT_PX);
      expect(h - 2 * l.frame - l.bandHeight).toBeGreaterThanOrEqual(2 * 1.3 * MIN_FONT_PX);
    });
  }

  it('grows the band with the screen, to a tenth of its shorter side', () => {
    expect(emergencyLayout(1920, 1080, today, estimate).bandPx).toBeGreaterThan(80);
    expect(emergencyLayout(1080, 1920, today, estimate).bandPx).toBeGreaterThan(80);
  });

  it('alternates heading and message on a 192×96 board when the heading needs more than one line', () => {
    expect(emergencyLayout(192, 96, emergencyHeading(ISSUED, ISSUED, 'Bão số 3 — gió giật cấp 12'), estimate).mode).toBe('alternate');
    expect(emergencyLayout(192, 96, emergencyHeading(ISSUED, ISSUED + 86_400_000), estimate).mode).toBe('alternate');
    expect(emergencyLayout(1920, 1080, emergencyHeading(ISSUED, ISSUED + 86_400_000, 'Bão số 3 — gió giật cấp 12'), estimate).mode).toBe('band');
  });

  it('turns from heading to message and back, from the start of the slot', () => {
    expect(headingPhase(0)).toEqual({ heading: true, startedMs: 0, nextInMs: HEADING_MS });
    expect(headingPhase(HEADING_MS + 1_000)).toEqual({ heading: false, startedMs: HEADING_MS, nextInMs: BODY_MS - 1_000 });
    expect(headingPhase(HEADING_MS + BODY_MS + 500)).toMatchObject({ heading: true, startedMs: HEADING_MS + BODY_MS });
  });
});
