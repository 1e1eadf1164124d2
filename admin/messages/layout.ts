// Vietnamese text of a screen's layout form (canvas, ticker strip, theme). English identifiers;
// Vietnamese only here.
import type { LayoutField, LayoutPresetId } from '../layout-form.ts';

export const layoutMessages = {
  /** The row's button: short, the column is narrow. */
  short: 'Bố cục',
  openLabel: (name: string) => `Bố cục hiển thị của màn hình ${name}`,
  title: (name: string) => `Bố cục hiển thị — ${name}`,
  explain:
    'Bảng LED chỉ chép một vùng chữ nhật của hình ảnh máy tính xuất ra. Chọn đúng vùng đó để nội dung nằm gọn trên bảng; ' +
    'phần còn lại để đen. Đơn vị là điểm ảnh (px).',
  presets: 'Kích thước có sẵn',
  presetNames: {
    full: 'Toàn màn hình',
    led192: 'Bảng LED 192 × 96 (6 × 6 tấm P10)',
    led384: 'Bảng LED 384 × 192 (12 × 12 tấm P10)',
    led128: 'Bảng LED 128 × 64 (2 × 2 tấm P5)',
    custom: 'Tự chọn kích thước',
  } satisfies Record<LayoutPresetId, string>,
  canvas: 'Vùng hiển thị',
  fields: {
    x: 'Cách lề trái (X)',
    y: 'Cách lề trên (Y)',
    width: 'Chiều rộng',
    height: 'Chiều cao',
    stripHeight: 'Chiều cao dải chữ chạy',
  } satisfies Record<Exclude<LayoutField, 'strip' | 'theme'>, string>,
  strip: 'Dải chữ chạy',
  stripOptions: { none: 'Không có', top: 'Ở trên', bottom: 'Ở dưới' },
  stripHint: 'Dải chỉ hiện khi có lịch phát cho dải chữ chạy; khi không có gì để chạy, nội dung chính dùng cả vùng.',
  theme: 'Giao diện',
  themeOptions: { outdoor: 'Ngoài trời: chữ sáng trên nền đen (bảng LED)', indoor: 'Trong nhà: chữ tối trên nền sáng' },
  diagram: (w: number, h: number) => `Sơ đồ theo tỉ lệ: vùng hiển thị trong hình ${w} × ${h} px`,
  output: (w: number, h: number) => `Hình xuất ra: ${w} × ${h} px`,
  reported: (w: number, h: number) => `Màn hình báo kích thước ${w} × ${h} px.`,
  notReported: 'Màn hình chưa báo kích thước; sơ đồ giả định 1920 × 1080 px.',
  outsideViewport: 'Vùng hiển thị vượt ra ngoài kích thước màn hình báo về: phần ngoài sẽ không hiện.',
  issues: {
    x: 'X là số nguyên từ 0; X + chiều rộng không quá 7680 px.',
    y: 'Y là số nguyên từ 0; Y + chiều cao không quá 4320 px.',
    width: 'Chiều rộng là số nguyên từ 32 đến 7680 px, và X + chiều rộng không quá 7680 px.',
    height: 'Chiều cao là số nguyên từ 16 đến 4320 px, và Y + chiều cao không quá 4320 px.',
    stripHeight: 'Dải chữ chạy cao từ 8 px và không quá một nửa chiều cao vùng hiển thị.',
    strip: 'Chọn vị trí dải chữ chạy.',
    theme: 'Chọn giao diện.',
  } satisfies Record<LayoutField, string>,
  save: 'Lưu bố cục',
  saving: 'Đang lưu…',
  cancel: 'Hủy',
  saved: 'Đã lưu. Màn hình đang kết nối đổi bố cục ngay.',
};
