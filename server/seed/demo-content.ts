import type { ContentFields, ScreenSettingsInput } from '../../playlists/index.ts';
import type { DemoMedia } from './demo-media/seed.ts';

/**
 * Demo content seeded into an empty database: original Vietnamese slogans on the plan's
 * themes, a yearly countdown to Vietnam Labour Skills Day (04/10), a policy notice and a clock.
 */
export const DEMO_ITEMS: ContentFields[] = [
  {
    kind: 'slogan',
    theme: 7,
    durationMs: 8_000,
    text: 'Một nghề vững tay — cả đời vững bước',
    secondary: 'Giáo dục nghề nghiệp Thủ đô: học thật, làm thật, việc làm thật',
  },
  {
    kind: 'countdown',
    theme: 1,
    durationMs: 8_000,
    title: 'Ngày Kỹ năng lao động Việt Nam',
    eventDate: '2025-10-04',
    place: 'Hà Nội',
    annual: true,
    afterDays: 0,
  },
  {
    kind: 'slogan',
    theme: 3,
    durationMs: 8_000,
    text: 'Sau lớp 9, lớp 12: học nghề là lựa chọn đáng tự hào',
    secondary: 'Hỏi nhà trường về phân luồng và các ngành nghề đang cần người',
  },
  {
    kind: 'slogan',
    theme: 4,
    durationMs: 8_000,
    text: 'Nhà trường – doanh nghiệp chung tay: học xong có việc làm',
  },
  {
    kind: 'slogan',
    theme: 2,
    durationMs: 8_000,
    text: 'Người lao động học nghề được Nhà nước hỗ trợ',
    secondary: 'Tìm hiểu chính sách tại UBND xã, phường nơi bạn sống',
  },
  {
    kind: 'slogan',
    theme: 5,
    durationMs: 8_000,
    text: 'Kỹ năng số hôm nay — nghề nghiệp vững vàng ngày mai',
  },
  {
    kind: 'notice',
    theme: 2,
    durationMs: 12_000,
    title: 'Học nghề có hỗ trợ — bạn đã biết chưa?',
    body:
      'Lao động nông thôn, người khuyết tật, người thuộc hộ nghèo, cận nghèo và người mất việc làm ' +
      'có thể được hỗ trợ chi phí khi học nghề trình độ sơ cấp hoặc các khóa đào tạo dưới 3 tháng; ' +
      'một số trường hợp còn được hỗ trợ thêm tiền ăn và tiền đi lại. Hãy hỏi UBND xã, phường hoặc ' +
      'trung tâm dịch vụ việc làm gần nhất để được tư vấn và đăng ký.',
    source: 'Theo chính sách hỗ trợ đào tạo nghề hiện hành; mức hỗ trợ cụ thể do địa phương hướng dẫn',
  },
  {
    kind: 'clock',
    theme: 5,
    durationMs: 6_000,
    caption: 'Thủ đô học nghề — vững bước tương lai',
  },
];

/**
 * The demo's story, picture and clip, given the media seeded for them (demo-media/seed.ts).
 * The graduate is invented for the demo; the school and employer are left generic on purpose.
 */
export function demoMediaItems(media: DemoMedia): { story: ContentFields; image: ContentFields; video: ContentFields } {
  return {
    story: {
      kind: 'story',
      theme: 7,
      durationMs: 12_000,
      photo: media.storyPhoto,
      name: 'Trần Minh Khôi',
      trade: 'Điện công nghiệp',
      school: 'Học nghề hệ cao đẳng tại Hà Nội',
      outcome: 'Kỹ thuật viên bảo trì ở một nhà máy trong khu công nghiệp, có việc ngay khi ra trường',
      quote: 'Ba năm học nghề cho tôi tay nghề vững và một công việc ổn định để phụ giúp gia đình.',
    },
    image: {
      kind: 'image',
      theme: 6,
      durationMs: 8_000,
      media: media.cityImage,
      fit: 'cover',
      caption: 'Thủ đô vững bước cùng người lao động có tay nghề',
    },
    video: {
      kind: 'video',
      theme: 5,
      durationMs: 8_000,
      media: media.clip,
      playToEnd: true,
    },
  };
}

/** How many items the demo seeds: the text items and the three with media. */
export const DEMO_ITEM_COUNT = DEMO_ITEMS.length + 3;

/** The demo playlist: the text items with the story, the picture and the clip spread among them. */
export function demoPlaylistItems(media: DemoMedia): ContentFields[] {
  const { story, image, video } = demoMediaItems(media);
  const items = [...DEMO_ITEMS];
  items.splice(Math.min(1, items.length), 0, story);
  items.splice(Math.min(4, items.length), 0, image);
  items.splice(Math.min(7, items.length), 0, video);
  return items;
}

export const DEMO_PLAYLIST_NAME = 'Chiến dịch Giáo dục nghề nghiệp Thủ đô';

export const DEMO_SCREEN: Omit<ScreenSettingsInput, 'id'> = {
  name: 'Màn hình demo — Vườn hoa Lý Thái Tổ',
  ward: 'Phường Hoàn Kiếm',
  locationKind: 'park',
  tags: ['demo'],
};
