import { describe, expect, it } from 'vitest';
import { localToInstant, type ContentFields } from '../playlists/index.ts';
import type { Measure } from '../player/legibility.ts';
import { fitWarnings, warningText } from './fit-warnings.ts';
import { sizesToCheck, type ScreenSize } from './preview-profiles.ts';

const estimate: Measure = (text, weight) => {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? 0.26 : /[A-ZĐ0-9]/.test(ch) ? 0.68 : 0.53;
  return w * (weight >= 700 ? 1.08 : 1);
};
const AT = localToInstant('2026-08-25', '08:05');
const notice: ContentFields = {
  kind: 'notice', theme: 2, durationMs: 30_000,
  title: 'Hỗ trợ chi phí học nghề cho người lao động',
  body: 'Lao động nông thôn, người khuyết tật và người thuộc hộ nghèo được hỗ trợ chi phí đào tạo trình độ sơ cấp. Đăng ký tại UBND xã, phường nơi cư trú.',
  source: 'Nguồn: Sở Giáo dục và Đào tạo Hà Nội',
};
const board = (id: string, ward: string | null, width = 384, height = 192): ScreenSize => ({ id, name: `Bảng ${id}`, ward, width, height, theme: 'outdoor' });

describe('fit warnings', () => {
  it('names what takes turns on which screens, by size and ward', () => {
    const screens = [board('a', 'Phường Hoàn Kiếm'), board('b', 'Phường Hoàn Kiếm'), board('c', 'Phường Hoàn Kiếm'), board('d', null, 1920, 1080)];
    const warnings = fitWarnings(notice, sizesToCheck(null, screens), AT, { measure: estimate });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ width: 384, height: 192, mode: 'pages', paged: ['body', 'source'], dropped: [] });
    expect(warningText(warnings[0]!)).toBe(
      `Trên 3 màn hình 384×192 ở Phường Hoàn Kiếm: Nội dung và nguồn không hiện cùng lúc mà hiện lần lượt (${warnings[0]!.pages} trang trong 30 giây).`,
    );
  });

  it('says what a too short duration leaves out, and how long it would need', () => {
    const short = { ...notice, durationMs: 4_000 } as ContentFields;
    const [w] = fitWarnings(short, [{ width: 192, height: 96, screens: [] }], AT, { measure: estimate });
    expect(w!.dropped).toContain('source');
    expect(warningText(w!)).toMatch(/^Trên màn hình 192×96: .*thời lượng 4 giây không đủ: .*nguồn sẽ không hiện hết \(cần khoảng \d+ giây\)\.$/);
  });

  it('warns for a slogan that scrolls, not for a ticker, and not where everything fits', () => {
    const slogan: ContentFields = { kind: 'slogan', theme: 1, durationMs: 8_000, text: 'Học nghề hôm nay — vững tay nghề ngày mai: Thủ đô cần những người thợ giỏi, kỹ thuật viên lành nghề cho mọi ngành' };
    expect(fitWarnings(slogan, [{ width: 192, height: 96, screens: [] }], AT, { measure: estimate })[0]!.mode).toBe('ticker');
    const ticker: ContentFields = { kind: 'ticker', theme: 1, durationMs: 8_000, text: 'Tuyển sinh', speedPxPerSec: 60 };
    expect(fitWarnings(ticker, [{ width: 192, height: 96, screens: [] }], AT, { measure: estimate })).toEqual([]);
    expect(fitWarnings(notice, [{ width: 1920, height: 1080, screens: [] }], AT, { measure: estimate })).toEqual([]);
  });

  it('says by how much a scrolling text falls short of being read whole once', () => {
    const text = 'Tuyển sinh các ngành kỹ thuật, dịch vụ năm 2026: miễn học phí cho học sinh tốt nghiệp THCS.';
    const ticker: ContentFields = { kind: 'ticker', theme: 1, durationMs: 8_000, text, speedPxPerSec: 60 };
    const [w] = fitWarnings(ticker, [{ width: 1920, height: 100, screens: [] }], AT, { measure: estimate });
    expect(w).toMatchObject({ mode: 'short', slotMs: 8_000 });
    const needed = Math.ceil(w!.neededMs / 1000);
    expect(warningText(w!)).toBe(`Trên màn hình 1920×100: Chữ chạy cần khoảng ${needed} giây để đọc hết một lượt, thời lượng 8 giây thiếu ${needed - 8} giây.`);
    // Long enough: no warning.
    expect(fitWarnings({ ...ticker, durationMs: needed * 1000 }, [{ width: 1920, height: 100, screens: [] }], AT, { measure: estimate })).toEqual([]);

    const slogan: ContentFields = { kind: 'slogan', theme: 1, durationMs: 8_000, text: 'Học nghề hôm nay — vững tay nghề ngày mai: Thủ đô cần những người thợ giỏi, kỹ thuật viên lành nghề cho mọi ngành' };
    const [s] = fitWarnings(slogan, [{ width: 192, height: 96, screens: [] }], AT, { measure: estimate });
    expect(warningText(s!)).toMatch(/^Trên màn hình 192×96: Chữ quá nhỏ — sẽ chạy dạng chữ chạy; chữ chạy cần khoảng \d+ giây để đọc hết một lượt, thời lượng 8 giây thiếu \d+ giây\.$/);
  });
});
