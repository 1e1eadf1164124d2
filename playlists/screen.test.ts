import { describe, expect, it } from 'vitest';
import { ScreenLayout, ScreenSettings, screenSettings } from './screen.ts';

const base = { id: 's_1', name: 'Màn hình 1', ward: null, locationKind: 'park' as const, tags: [] as string[] };
const layout = (patch: Record<string, unknown>) => ({ canvas: null, ticker: null, theme: 'outdoor', ...patch });
const paths = (value: unknown) => {
  const parsed = ScreenLayout.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('ScreenSettings', () => {
  it('gives settings from an older server the whole viewport, no strip and the outdoor theme', () => {
    expect(ScreenSettings.parse(base)).toEqual({ ...base, canvas: null, ticker: null, theme: 'outdoor', hours: null, dailyReloadAt: '03:30' });
  });

  it('keeps a canvas, a strip and a theme', () => {
    const full = { ...base, canvas: { x: 100, y: 50, width: 384, height: 192 }, ticker: { position: 'bottom', heightPx: 32 }, theme: 'indoor',
      hours: { windows: [{ days: [1, 2, 3, 4, 5], from: '06:00', to: '22:00' }], outside: 'black' }, dailyReloadAt: null };
    expect(ScreenSettings.parse(full)).toEqual(full);
  });

  it('builds the settings from a record, dropping what the player is not told', () => {
    const record = { ...base, wardCode: '00070', lastSeenAt: 5, theme: 'indoor' as const };
    expect(screenSettings(record)).toEqual({ ...base, canvas: null, ticker: null, theme: 'indoor', hours: null, dailyReloadAt: '03:30' });
  });
});

describe('ScreenLayout', () => {
  it('accepts the whole viewport, an LED module and a strip', () => {
    expect(paths(layout({}))).toEqual([]);
    expect(paths(layout({ canvas: { x: 0, y: 0, width: 192, height: 96 }, ticker: { position: 'top', heightPx: 16 } }))).toEqual([]);
    expect(paths(layout({ canvas: { x: 3840, y: 2160, width: 3840, height: 2160 }, theme: 'indoor' }))).toEqual([]);
  });

  it('refuses a canvas that reaches past an 8K output', () => {
    expect(paths(layout({ canvas: { x: 7000, y: 0, width: 1920, height: 1080 } }))).toEqual(['canvas.width']);
    expect(paths(layout({ canvas: { x: 0, y: 4000, width: 1920, height: 1080 } }))).toEqual(['canvas.height']);
  });

  it('refuses sizes that are not whole pixels, negative or too small', () => {
    expect(paths(layout({ canvas: { x: 0.5, y: 0, width: 192, height: 96 } }))).toEqual(['canvas.x']);
    expect(paths(layout({ canvas: { x: -1, y: 0, width: 192, height: 96 } }))).toEqual(['canvas.x']);
    expect(paths(layout({ canvas: { x: 0, y: 0, width: 8, height: 96 } }))).toEqual(['canvas.width']);
  });

  it('refuses a strip taller than half the canvas', () => {
    const canvas = { x: 0, y: 0, width: 192, height: 96 };
    expect(paths(layout({ canvas, ticker: { position: 'top', heightPx: 48 } }))).toEqual([]);
    expect(paths(layout({ canvas, ticker: { position: 'top', heightPx: 49 } }))).toEqual(['ticker.heightPx']);
    expect(paths(layout({ canvas, ticker: { position: 'top', heightPx: 96 } }))).toEqual(['ticker.heightPx']);
  });

  it('refuses an unknown theme, strip position or extra field', () => {
    expect(paths(layout({ theme: 'dark' }))).toEqual(['theme']);
    expect(paths(layout({ ticker: { position: 'left', heightPx: 20 } }))).toEqual(['ticker.position']);
    expect(paths({ ...layout({}), zoom: 2 })).toEqual(['']);
  });
});
