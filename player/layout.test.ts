import { describe, expect, it } from 'vitest';
import type { ZonePlay } from '../playlists/index.ts';
import { OUTPUT_KEY, WHOLE_OUTPUT, canvasStyle, loadOutput, outputOf, saveOutput, visibleStrip, zoneStyles } from './layout.ts';
import { slogan } from './test-fixtures.ts';

const play = (id: string | null, tier: ZonePlay['reason']['tier'] = 'normal'): ZonePlay => ({
  item: id ? slogan(id, 5_000) : null,
  playlistId: null,
  since: 0,
  until: 5_000,
  next: { itemId: null, at: 5_000 },
  reason: { tier, scheduleId: null, rule: tier === 'emergency' ? 'emergency_override' : 'normal_rotation' },
});
const strip = { position: 'bottom', heightPx: 32 } as const;

describe('canvasStyle', () => {
  it('places the canvas at its CSS pixel rectangle', () => {
    expect(canvasStyle({ x: 100, y: 50, width: 384, height: 192 })).toEqual({ left: '100px', top: '50px', width: '384px', height: '192px' });
  });

  it('fills the viewport without a canvas', () => {
    expect(canvasStyle(null)).toEqual({ left: '0', top: '0', width: '100%', height: '100%' });
  });
});

describe('visibleStrip', () => {
  it('shows the strip while something plays in the ticker zone', () => {
    expect(visibleStrip(strip, play('a'), play('t'))).toBe(strip);
  });

  it('collapses the strip when the ticker zone has nothing to play', () => {
    expect(visibleStrip(strip, play('a'), null)).toBeNull();
    expect(visibleStrip(strip, play('a'), play(null))).toBeNull();
  });

  it('shows no strip on a layout without one, whatever is scheduled for it', () => {
    expect(visibleStrip(null, play('a'), play('t'))).toBeNull();
  });

  it('gives an emergency the whole canvas', () => {
    expect(visibleStrip(strip, play('e', 'emergency'), play('t'))).toBeNull();
  });
});

describe('zoneStyles', () => {
  it('puts the strip at the top or bottom and the main zone beside it', () => {
    expect(zoneStyles({ position: 'top', heightPx: 24 })).toEqual({
      main: { top: 'min(24px, 50%)', height: 'calc(100% - min(24px, 50%))' },
      strip: { top: '0', height: 'min(24px, 50%)' },
    });
    expect(zoneStyles(strip)).toEqual({
      main: { top: '0', height: 'calc(100% - min(32px, 50%))' },
      strip: { bottom: '0', height: 'min(32px, 50%)' },
    });
  });

  it('gives the main zone the whole canvas without a strip', () => {
    expect(zoneStyles(null)).toEqual({ main: { top: '0', height: '100%' }, strip: {} });
  });
});

describe('outputOf', () => {
  it('keeps the canvas and theme of a screen, or the whole viewport outdoors without one', () => {
    const canvas = { x: 1, y: 2, width: 192, height: 96 };
    expect(outputOf({ canvas, theme: 'indoor' })).toEqual({ canvas, theme: 'indoor' });
    expect(outputOf(null)).toEqual({ canvas: null, theme: 'outdoor' });
  });
});

describe('loadOutput', () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
  };

  it('reads back the output it kept', () => {
    const storage = memory();
    const output = { canvas: { x: 100, y: 50, width: 384, height: 192 }, theme: 'indoor' as const };
    saveOutput(storage, output);
    expect(loadOutput(storage)).toEqual(output);
  });

  it('falls back to the whole viewport outdoors on nothing, junk or no storage', () => {
    const storage = memory();
    expect(loadOutput(storage)).toEqual(WHOLE_OUTPUT);
    storage.data.set(OUTPUT_KEY, '{"canvas":{"x":-1}');
    expect(loadOutput(storage)).toEqual(WHOLE_OUTPUT);
    storage.data.set(OUTPUT_KEY, '{"canvas":null,"theme":"neon"}');
    expect(loadOutput(storage)).toEqual(WHOLE_OUTPUT);
    expect(loadOutput(null)).toEqual(WHOLE_OUTPUT);
  });
});
