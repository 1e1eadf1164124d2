import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withScreenLink } from './short-link-item.ts';
import { kindText } from './kind-parts.ts';
import { qrSize } from './notice-layout.ts';
import { DRAFT_ITEM_ID, PREVIEW_SCREEN_ID } from '../playlists/short-link.ts';

const notice = { kind: 'notice' as const, id: 'c_notice', theme: 2, durationMs: 15_000, title: 'Hỗ trợ học phí', body: 'Chi tiết', qrUrl: 'https://example.vn/a-very-long-address/that-goes-on-and-on?with=parameters&and=more' };

beforeEach(() => {
  (globalThis as { location?: unknown }).location = { origin: 'https://bangtin.example.vn' };
});
afterEach(() => {
  delete (globalThis as { location?: unknown }).location;
});

describe('a QR code on a screen', () => {
  it("points at the screen's short link for the item, the same object each time", () => {
    const linked = withScreenLink(notice, 's_screen1');
    expect(linked.qrUrl).toBe('https://bangtin.example.vn/r/s_screen1.c_notice');
    expect(withScreenLink(notice, 's_screen1')).toBe(linked);
    expect(withScreenLink(notice, 's_screen2').qrUrl).toBe('https://bangtin.example.vn/r/s_screen2.c_notice');
  });

  it('keeps the item\'s own address without a screen (a web portal)', () => {
    expect(withScreenLink(notice, null)).toBe(notice);
  });

  it('draws in the admin preview a code of the size a real screen draws, an unsaved item too', () => {
    const real = withScreenLink(notice, 's_Ab3dE6gH9jK1');
    const preview = withScreenLink(notice, PREVIEW_SCREEN_ID);
    expect(preview.qrUrl).toBe(`https://bangtin.example.vn/r/${PREVIEW_SCREEN_ID}.c_notice`);
    const { id: _id, ...draft } = { ...notice, id: 'c_Zy8xW7vU6tS5' };
    expect(withScreenLink(draft, PREVIEW_SCREEN_ID).qrUrl).toBe(`https://bangtin.example.vn/r/${PREVIEW_SCREEN_ID}.${DRAFT_ITEM_ID}`);
    expect(PREVIEW_SCREEN_ID.length).toBe('s_Ab3dE6gH9jK1'.length);
    expect(DRAFT_ITEM_ID.length).toBe('c_Zy8xW7vU6tS5'.length);
    expect(qrSize(preview.qrUrl)).toBe(qrSize(real.qrUrl));
  });

  it('lays out the text around the code the screen shows, a story too', () => {
    const story = { kind: 'story' as const, id: 'c_story', theme: 7, durationMs: 15_000, name: 'Nguyễn Văn A', trade: 'Hàn', school: 'Cao đẳng nghề', qrUrl: notice.qrUrl };
    const plain = kindText({ ...story, qrUrl: undefined }, 1920, 1080, 0, false)!.box;
    const withQr = kindText(withScreenLink(story, 's_screen1'), 1920, 1080, 0, false)!.box;
    expect(withQr.width).toBeLessThan(plain.width);
    expect(withQr.height).toBe(plain.height);
  });
});
