import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { APPENDIX_A, CAP_A2_THUNDERSTORM, CAP_A3_EARTHQUAKE_UPDATE, CAP_A4_AMBER_MULTILINGUAL, HOSTILE } from '../testing/cap-fixtures.ts';
import { capDateTime, readAlert } from './alert.ts';
import { decodeEntities, parseXml } from './xml.ts';

const read = (xml: string) => readAlert(parseXml(xml));

function refusal(xml: string): AppError {
  try {
    read(xml);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('reading CAP 1.2 alerts', () => {
  it.each(Object.entries(APPENDIX_A))('reads the standard\'s example %s', (_, xml) => {
    const alert = read(xml);
    expect(alert.status).toBe('Actual');
    expect(alert.infos.length).toBeGreaterThan(0);
    expect(Number.isFinite(alert.sentAt)).toBe(true);
  });

  it('reads the thunderstorm warning\'s fields, times with their offsets', () => {
    const alert = read(CAP_A2_THUNDERSTORM);
    expect(alert).toMatchObject({ identifier: 'KSTO1055887203', sender: 'KSTO@NWS.NOAA.GOV', msgType: 'Alert', scope: 'Public' });
    expect(alert.sentAt).toBe(Date.parse('2003-06-17T21:57:00Z'));
    const [info] = alert.infos;
    expect(info).toMatchObject({ language: 'en-US', categories: ['Met'], event: 'SEVERE THUNDERSTORM', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed' });
    expect(info!.expires).toBe(Date.parse('2003-06-17T23:00:00Z'));
    expect(info!.areas[0]!.geocodes).toEqual([
      { valueName: 'SAME', value: '006109' },
      { valueName: 'SAME', value: '006009' },
      { valueName: 'SAME', value: '006003' },
    ]);
  });

  it('reads an update\'s references and both languages of a multilingual alert', () => {
    expect(read(CAP_A3_EARTHQUAKE_UPDATE).references).toEqual([
      { sender: 'trinet@caltech.edu', identifier: 'TRI13970876.1', sentAt: Date.parse('2003-06-11T20:30:00-07:00') },
    ]);
    expect(read(CAP_A4_AMBER_MULTILINGUAL).infos.map((i) => [i.language, i.event])).toEqual([
      ['en-US', 'Child Abduction'],
      ['es-US', 'Abducción de Niño'],
    ]);
  });

  it('reads a prefixed namespace, predefined entities and CDATA', () => {
    const xml = CAP_A2_THUNDERSTORM.replace('<alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2">', '<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">')
      .replace('</alert>', '</cap:alert>')
      .replace(/<(\/?)(?!cap:|\?)([a-zA-Z]+)>/g, '<$1cap:$2>')
      .replace('<cap:headline>SEVERE THUNDERSTORM WARNING</cap:headline>', '<cap:headline>Storm &amp; hail &#8211; &#x26A0;</cap:headline>')
      .replace(/<cap:instruction>[^<]*<\/cap:instruction>/, '<cap:instruction><![CDATA[Stay in <b>&amp;</b> wait]]></cap:instruction>');
    const info = read(xml).infos[0]!;
    expect(info.headline).toBe('Storm & hail – ⚠');
    expect(info.instruction).toBe('Stay in <b>&amp;</b> wait');
  });

  it.each(Object.entries(HOSTILE))('refuses %s with its code', (_, { xml, status, code }) => {
    const err = refusal(xml);
    expect([err.status, err.code]).toEqual([status, code]);
  });

  it('names every issue of an invalid alert at once', () => {
    const xml = CAP_A2_THUNDERSTORM.replace('<status>Actual</status>', '<status>Real</status>').replace(/<urgency>[^<]*<\/urgency>/, '');
    expect(refusal(xml).issues?.map((i) => i.path)).toEqual(['alert.status', 'alert.info.0.urgency']);
  });
});

describe('CAP dateTime', () => {
  it('takes an offset, and refuses Z, fractions, a missing offset and dates that do not exist', () => {
    expect(capDateTime('2026-10-04T08:00:00+07:00')).toBe(Date.parse('2026-10-04T01:00:00Z'));
    expect(capDateTime('2026-10-04T08:00:00-00:00')).toBe(Date.parse('2026-10-04T08:00:00Z'));
    for (const bad of ['2026-10-04T08:00:00Z', '2026-10-04T08:00:00.5+07:00', '2026-10-04T08:00:00', '2026-02-29T08:00:00+07:00', '2026-10-04T24:00:00+07:00', '2026-10-04 08:00:00+07:00']) {
      expect(capDateTime(bad), bad).toBeNull();
    }
  });
});

describe('entities', () => {
  it('decodes the five XML predefines and character references, one step only', () => {
    expect(decodeEntities('&amp;lt; &lt;&gt;&quot;&apos; &#65;&#x42;')).toBe('&lt; <>"\' AB');
  });

  it('refuses named entities XML does not define, and references to no character', () => {
    expect(() => decodeEntities('&nbsp;')).toThrow(/not defined/);
    expect(() => decodeEntities('&#0;')).toThrow(/no XML character/);
  });
});
