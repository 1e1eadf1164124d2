import { describe, expect, it } from 'vitest';
import { localToInstant, type ContentFields } from '../playlists/player.ts';
import { PAGE_FLOOR_MS, fitPlan, pageAt, type FitPlan } from './fit-plan.ts';
import { kindText } from './kind-parts.ts';
import { MIN_FONT_PX, fittedSize, measureParts, type Measure } from './legibility.ts';

/** About Be Vietnam Pro's advances: capitals and digits wider, bolder text a little wider. */
const estimate: Measure = (text, weight) => {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? 0.26 : /[A-ZĐ0-9]/.test(ch) ? 0.68 : 0.53;
  return w * (weight >= 700 ? 1.08 : 1);
};

const AT = localToInstant('2026-08-25', '08:05');
const common = { theme: 2, durationMs: 60_000 } as const;
const items: Record<string, ContentFields> = {
  notice: {
    kind: 'notice', ...common,
    title: 'Hỗ trợ chi phí học nghề cho người lao động',
    body: 'Lao động nông thôn, người khuyết tật và người thuộc hộ nghèo được hỗ trợ chi phí đào tạo trình độ sơ cấp và đào tạo dưới 3 tháng. Đăng ký tại UBND xã, phường nơi cư trú.',
    source: 'Nguồn: Sở Giáo dục và Đào tạo Hà Nội',
  },
  story: {
    kind: 'story', ...common,
    name: 'Nguyễn Thị Ngọc Ánh', trade: 'Kỹ thuật viên điện tử công nghiệp', school: 'Trường Cao đẳng nghề Công nghiệp Hà Nội',
    outcome: 'Trưởng ca tại một doanh nghiệp ở Khu công nghệ cao Hòa Lạc',
    quote: 'Học nghề giúp em có việc làm ổn định ngay sau khi tốt nghiệp.',
  },
  countdown: { kind: 'countdown', ...common, title: 'Ngày Kỹ năng lao động Việt Nam', eventDate: '2026-10-04', annual: true, afterDays: 0, place: 'Cung Văn hóa Lao động' },
  clock: { kind: 'clock', ...common, caption: 'Thủ đô học nghề — vững bước tương lai' },
  image: { kind: 'image', ...common, media: 'm_1', fit: 'contain', caption: 'Học viên thực hành điện công nghiệp tại Trường Cao đẳng nghề Công nghiệp Hà Nội, tháng 8/2026' },
  slogan: { kind: 'slogan', ...common, text: 'Học nghề — lập nghiệp', secondary: 'Vững bước tương lai' },
  ticker: { kind: 'ticker', ...common, text: 'Tuyển sinh học nghề năm 2026', speedPxPerSec: 80 },
  video: { kind: 'video', ...common, media: 'm_2', playToEnd: false },
};

const SIZES = [[192, 96], [384, 192], [1920, 1080], [1080, 1920]] as const;

/** Each part's text as the pages show it, chunks joined back in order. */
function shownText(plan: FitPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const page of plan.pages) for (const p of page.parts) out.set(p.name, out.has(p.name) ? `${out.get(p.name)} ${p.text}` : p.text);
  return out;
}

/** The smallest text px of each page when fitted in its box, as the renderer's fit would size it. */
function pagePx(item: ContentFields, plan: FitPlan, w: number, h: number): number[] {
  const text = kindText(item, w, h, AT, false)!;
  return plan.pages.map((page) => {
    const parts = page.parts.map((pp) => ({ ...text.parts.find((p) => p.name === pp.name)!, text: pp.text }));
    const measured = measureParts(parts, estimate);
    return fittedSize(measured, text.box.width, text.box.height) * Math.min(...measured.map((p) => p.minEm));
  });
}

describe('fitPlan per kind and size', () => {
  for (const kind of ['notice', 'story', 'countdown', 'clock', 'image'] as const) {
    for (const [w, h] of SIZES) {
      it(`shows every part of a ${kind} at ${w}×${h}, none under the legible size`, () => {
        const item = items[kind]!;
        const plan = fitPlan(item, w, h, AT, { measure: estimate });
        const parts = kindText(item, w, h, AT, false)!.parts;
        expect(plan.dropped).toEqual([]);
        const shown = shownText(plan);
        for (const p of parts) expect(shown.get(p.name), `${p.name}`).toBe(p.text);
        for (const px of pagePx(item, plan, w, h)) expect(px).toBeGreaterThanOrEqual(MIN_FONT_PX);
        // The pages fill the slot, back to back.
        expect(plan.pages.reduce((t, p) => (expect(p.startMs).toBe(t), t + p.ms), 0)).toBe(item.durationMs);
      });
    }
  }

  it('shows a notice whole on bulletin boards and pages body and source on LED boards', () => {
    for (const [w, h] of [[1920, 1080], [1080, 1920]] as const) expect(fitPlan(items.notice!, w, h, AT, { measure: estimate }).mode).toBe('whole');
    for (const [w, h] of [[384, 192], [192, 96]] as const) {
      const plan = fitPlan(items.notice!, w, h, AT, { measure: estimate });
      expect(plan.mode, `${w}×${h}`).toBe('pages');
      expect(plan.pages[0]!.parts[0]!.name).toBe('title');
      expect(plan.paged).toEqual(expect.arrayContaining(['body', 'source']));
    }
  });

  it('leaves less room for a notice’s text when a QR code stands beside it', () => {
    const plain = items.notice as Extract<ContentFields, { kind: 'notice' }>;
    const withQr = { ...plain, qrUrl: 'https://gdnn.hanoi.gov.vn/ho-tro' };
    expect(fitPlan(withQr, 1920, 1080, AT, { measure: estimate }).fittedPx).toBeLessThan(fitPlan(plain, 1920, 1080, AT, { measure: estimate }).fittedPx);
  });

  it('gives the outcome and quote of a story their own turn on a 384×192 board', () => {
    const plan = fitPlan(items.story!, 384, 192, AT, { measure: estimate });
    expect(plan.mode).toBe('pages');
    expect(plan.paged).toEqual(expect.arrayContaining(['quote']));
    expect(plan.pages[0]!.parts.map((p) => p.name)).toContain('name');
  });

  it('keeps a countdown title at the legible size on a 192×96 board by taking turns with the number', () => {
    const plan = fitPlan(items.countdown!, 192, 96, AT, { measure: estimate });
    expect(plan.mode).toBe('pages');
    expect(plan.pages.flatMap((p) => p.parts.map((q) => q.name))).toEqual(expect.arrayContaining(['title', 'hero', 'detail']));
  });

  it('scrolls a slogan that cannot be legible and a ticker, and has no text for a video', () => {
    const long = { ...items.slogan!, text: 'Học nghề hôm nay — vững tay nghề ngày mai: Thủ đô cần những người thợ giỏi, kỹ thuật viên lành nghề cho mọi ngành' } as ContentFields;
    expect(fitPlan(long, 192, 96, AT, { measure: estimate }).mode).toBe('ticker');
    expect(fitPlan({ kind: 'slogan', ...common, text: 'Học nghề — lập nghiệp' }, 192, 96, AT, { measure: estimate }).mode).toBe('whole');
    expect(fitPlan(items.ticker!, 1920, 1080, AT, { measure: estimate }).mode).toBe('ticker');
    expect(fitPlan(items.video!, 192, 96, AT, { measure: estimate })).toMatchObject({ mode: 'none', pages: [] });
  });

  it('leaves out the pages a short slot has no time for, and names what they held', () => {
    const item = { ...items.notice!, durationMs: 2 * PAGE_FLOOR_MS } as ContentFields;
    const full = fitPlan({ ...item, durationMs: 60_000 } as ContentFields, 192, 96, AT, { measure: estimate });
    expect(full.pages.length).toBeGreaterThan(2);
    const plan = fitPlan(item, 192, 96, AT, { measure: estimate });
    expect(plan.pages).toHaveLength(2);
    expect(plan.dropped).toContain('source');
    expect(plan.neededMs).toBeGreaterThan(plan.slotMs);
    expect(plan.pages.every((p) => p.ms >= PAGE_FLOOR_MS)).toBe(true);
  });

  it('gives longer pages more time', () => {
    const plan = fitPlan(items.notice!, 192, 96, AT, { measure: estimate });
    const byLength = [...plan.pages].sort((a, b) => a.parts.join('').length - b.parts.join('').length);
    const title = plan.pages[0]!;
    const longest = plan.pages.reduce((a, b) => (b.parts[0]!.text.length > a.parts[0]!.text.length ? b : a));
    expect(byLength.length).toBe(plan.pages.length);
    expect(longest.ms).toBeGreaterThanOrEqual(title.ms);
  });
});

describe('pageAt', () => {
  const pages = [{ startMs: 0, ms: 3_000 }, { startMs: 3_000, ms: 5_000 }];

  it('finds the page on screen and when the next one starts', () => {
    expect(pageAt(pages, 0)).toEqual({ index: 0, nextInMs: 3_000 });
    expect(pageAt(pages, 4_000)).toEqual({ index: 1, nextInMs: 4_000 });
  });

  it('starts over when the slot runs longer than the pages', () => {
    expect(pageAt(pages, 8_500)).toEqual({ index: 0, nextInMs: 2_500 });
  });

  it('never turns a single page', () => {
    expect(pageAt([{ startMs: 0, ms: 8_000 }], 9_000)).toEqual({ index: 0, nextInMs: Infinity });
  });
});
