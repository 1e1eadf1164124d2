import { describe, expect, it } from 'vitest';
import { previewProfiles, previewScale, screenSizes, sizesToCheck } from './preview-profiles.ts';

const screen = (id: string, name: string, extra: object) => ({ id, name, viewport: null, ...extra });

describe('preview profiles', () => {
  it('sizes a registered screen by its canvas, else its viewport, less a ticker strip', () => {
    const sizes = screenSizes([
      screen('a', 'Cổng chợ', { ward: 'Phường Hoàn Kiếm', canvas: { x: 0, y: 0, width: 192, height: 96 }, viewport: { width: 1920, height: 1080 } }),
      screen('b', 'Bảng tin phường', { viewport: { width: 1080, height: 1920 }, ticker: { position: 'bottom', heightPx: 120 }, theme: 'indoor' }),
      screen('c', 'Chưa kết nối', {}),
    ]);
    expect(sizes).toEqual([
      { id: 'b', name: 'Bảng tin phường', ward: null, width: 1080, height: 1800, theme: 'indoor' },
      { id: 'a', name: 'Cổng chợ', ward: 'Phường Hoàn Kiếm', width: 192, height: 96, theme: 'outdoor' },
    ]);
  });

  it('offers the common boards, then each registered screen', () => {
    const profiles = previewProfiles([{ id: 'a', name: 'Cổng chợ', ward: null, width: 192, height: 96, theme: 'outdoor' }]);
    expect(profiles.map((p) => p.id)).toEqual(['192x96', '384x192', '1920x1080', '1080x1920', 'screen:a']);
    expect(profiles[4]!.label).toContain('Cổng chợ');
  });

  it('checks legibility at the chosen size, the LED boards and every screen, worst first', () => {
    const screens = [
      { id: 'a', name: 'A', ward: 'Phường X', width: 384, height: 192, theme: 'outdoor' as const },
      { id: 'b', name: 'B', ward: null, width: 192, height: 96, theme: 'outdoor' as const },
      { id: 'c', name: 'C', ward: 'Phường X', width: 192, height: 96, theme: 'outdoor' as const },
      { id: 'd', name: 'D', ward: null, width: 1280, height: 720, theme: 'outdoor' as const },
    ];
    expect(sizesToCheck({ width: 1080, height: 1920 }, screens)).toEqual([
      { width: 192, height: 96, screens: [{ name: 'B', ward: null }, { name: 'C', ward: 'Phường X' }] },
      { width: 384, height: 192, screens: [{ name: 'A', ward: 'Phường X' }] },
      { width: 1280, height: 720, screens: [{ name: 'D', ward: null }] },
      { width: 1080, height: 1920, screens: [] },
    ]);
    // Publishing: the registered screens' sizes only.
    expect(sizesToCheck(null, screens).map((s) => `${s.width}x${s.height}`)).toEqual(['192x96', '384x192', '1280x720']);
  });

  it('scales large screens down and small LED boards up by whole factors', () => {
    expect(previewScale(1920, 1080, { width: 480, height: 600 })).toBe(0.25);
    expect(previewScale(192, 96, { width: 500, height: 600 })).toBe(2);
    expect(previewScale(192, 96, { width: 800, height: 600 })).toBe(4);
    expect(previewScale(384, 192, { width: 500, height: 600 })).toBe(1);
    expect(previewScale(1080, 1920, { width: 480, height: 480 })).toBe(0.25);
  });
});
