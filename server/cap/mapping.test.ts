import { describe, expect, it } from 'vitest';
import { CAP_ENUMS, readAlert, type CapInfo } from './alert.ts';
import { parseXml } from './xml.ts';
import { APPENDIX_A, CAP_A2_THUNDERSTORM, CAP_A4_AMBER_MULTILINGUAL, adapted } from '../testing/cap-fixtures.ts';
import { DEFAULT_ALERT_MS, chooseInfo, clip, decide, noticeOf, tierOf, wardsOf } from './mapping.ts';

const NOW = Date.parse('2026-11-26T09:00:00+07:00');
const read = (xml: string) => readAlert(parseXml(xml));
const known = (code: string) => ['00004', '00008'].includes(code);

describe('urgency × severity × certainty → tier', () => {
  it('gives every one of the 125 combinations the tier of the documented table', () => {
    for (const urgency of CAP_ENUMS.urgency) {
      for (const severity of CAP_ENUMS.severity) {
        for (const certainty of CAP_ENUMS.certainty) {
          const emergency = ['Immediate', 'Expected'].includes(urgency) && ['Extreme', 'Severe'].includes(severity) && ['Observed', 'Likely'].includes(certainty);
          const priority = ['Immediate', 'Expected', 'Future'].includes(urgency) && ['Extreme', 'Severe', 'Moderate'].includes(severity) && ['Observed', 'Likely', 'Possible'].includes(certainty);
          expect(tierOf({ urgency, severity, certainty }), `${urgency} ${severity} ${certainty}`).toBe(emergency ? 'emergency' : priority ? 'priority' : null);
        }
      }
    }
  });

  it('makes the standard\'s examples an emergency, but the past minor earthquake nothing', () => {
    const tiers = Object.values(APPENDIX_A).map((xml) => tierOf(chooseInfo(read(xml).infos)!));
    expect(tiers).toEqual(['emergency', 'emergency', null, 'emergency']);
  });
});

describe('which info, and which wards', () => {
  it('reads the Vietnamese info, else the first', () => {
    const vi = CAP_A4_AMBER_MULTILINGUAL.replace('<language>es-US</language>', '<language>vi-VN</language>');
    expect(chooseInfo(read(vi).infos)!.language).toBe('vi-VN');
    expect(chooseInfo(read(CAP_A4_AMBER_MULTILINGUAL).infos)!.language).toBe('en-US');
  });

  it('takes ward geocodes naming imported wards, and ignores other schemes', () => {
    const info = chooseInfo(read(adapted(CAP_A2_THUNDERSTORM, NOW, { wards: ['00004', '99999'] })).infos)!;
    expect(wardsOf(info, known)).toEqual({ named: true, wards: ['00004'], unknown: ['99999'] });
    expect(wardsOf(chooseInfo(read(CAP_A2_THUNDERSTORM).infos)!, known)).toEqual({ named: false, wards: [], unknown: [] });
  });
});

describe('what an alert asks of screens', () => {
  it('broadcasts an actual public alert from now until it expires, in its wards', () => {
    const d = decide(read(adapted(CAP_A2_THUNDERSTORM, NOW, { wards: ['00008'], expiresInMs: 2 * 3_600_000 })), NOW, known);
    expect(d).toMatchObject({ kind: 'broadcast', tier: 'emergency', wards: ['00008'], startsAt: NOW, endsAt: NOW + 2 * 3_600_000 });
  });

  it('reaches every screen without ward geocodes, for a day without expires, from its effective time', () => {
    const later = NOW + 3_600_000;
    const xml = adapted(APPENDIX_A['A.1 Homeland Security Advisory System alert'], NOW).replace('<senderName>', `<effective>2026-11-26T10:00:00+07:00</effective><senderName>`);
    expect(decide(read(xml), NOW, known)).toMatchObject({ kind: 'broadcast', wards: [], startsAt: later, endsAt: later + DEFAULT_ALERT_MS });
  });

  it.each([
    ['Test', 'status_test'], ['Exercise', 'status_exercise'], ['System', 'status_system'], ['Draft', 'status_draft'],
  ])('lists a %s alert without showing it', (status, reason) => {
    const xml = adapted(CAP_A2_THUNDERSTORM, NOW).replace('<status>Actual</status>', `<status>${status}</status>`);
    expect(decide(read(xml), NOW, known)).toMatchObject({ kind: 'listed', reason, tier: 'emergency' });
  });

  it('lists what is not public, below the table, expired, or for wards that are not ours', () => {
    const restricted = adapted(CAP_A2_THUNDERSTORM, NOW).replace('<scope>Public</scope>', '<scope>Restricted</scope><restriction>officials</restriction>');
    expect(decide(read(restricted), NOW, known)).toMatchObject({ reason: 'not_public' });
    expect(decide(read(adapted(CAP_A2_THUNDERSTORM, NOW, { set: { severity: 'Minor' } })), NOW, known)).toMatchObject({ reason: 'below_threshold' });
    expect(decide(read(CAP_A2_THUNDERSTORM), NOW, known)).toMatchObject({ reason: 'expired' });
    expect(decide(read(adapted(CAP_A2_THUNDERSTORM, NOW, { wards: ['99999'] })), NOW, known)).toMatchObject({ reason: 'outside_area' });
  });
});

describe('the notice screens show', () => {
  const info = (over: Partial<CapInfo>): CapInfo => ({
    ...chooseInfo(read(CAP_A2_THUNDERSTORM).infos)!,
    ...over,
  });

  it('is the headline over the description and the instruction, from the sender', () => {
    expect(noticeOf(info({}), 30_000)).toEqual({
      kind: 'notice', theme: 1, durationMs: 30_000, title: 'SEVERE THUNDERSTORM WARNING',
      body: expect.stringMatching(/^AT 254 PM PDT\.\.\.NATIONAL .* STORM\.\n\nTAKE COVER IN A SUBSTANTIAL SHELTER UNTIL THE STORM PASSES\.$/s),
      source: 'NATIONAL WEATHER SERVICE SACRAMENTO CA',
    });
  });

  it('cuts a long description and keeps the instruction whole', () => {
    const notice = noticeOf(info({ description: 'mưa lớn '.repeat(200), headline: null }), 30_000);
    expect(notice.title).toBe('SEVERE THUNDERSTORM');
    expect(notice.body.length).toBeLessThanOrEqual(600);
    expect(notice.body.endsWith('\n\nTAKE COVER IN A SUBSTANTIAL SHELTER UNTIL THE STORM PASSES.')).toBe(true);
    expect(notice.body).toContain('…');
  });

  it('clips at a word', () => {
    expect(clip('một hai ba bốn năm', 12)).toBe('một hai ba…');
  });
});
