import type { HoursPreset } from '../hours-form.ts';

/** Vietnamese text of the operating-hours dialog (admin/components/screen-hours.ts). */
export const hoursMessages = {
  short: 'Giờ',
  openLabel: (name: string) => `Giờ hoạt động của ${name}`,
  title: (name: string) => `Giờ hoạt động — ${name}`,
  explain:
    'Ngoài giờ hoạt động màn hình hiện đồng hồ, làm tối nội dung hoặc tắt thành màn hình đen (tiết kiệm điện). ' +
    'Tin khẩn cấp luôn hiện, ở bất kỳ giờ nào. Cảnh báo mất kết nối chỉ tính trong giờ hoạt động.',
  hours: 'Giờ hoạt động',
  presets: { always: 'Luôn bật', daily: '06:00–22:00 hằng ngày', custom: 'Tùy chỉnh theo ngày' } satisfies Record<HoursPreset, string>,
  weekdays: ['Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7', 'Chủ nhật'],
  from: 'Từ',
  to: 'Đến',
  crossesMidnight: 'qua nửa đêm',
  outside: 'Ngoài giờ hoạt động hiển thị',
  outsideOptions: { clock: 'Đồng hồ', dim: 'Làm tối nội dung', black: 'Tắt màn hình (đen)' },
  reload: 'Tải lại trang hằng ngày',
  reloadHint: 'Trình duyệt của màn hình được tải lại mỗi ngày một lần vào giờ vắng người, giữa hai mục, không bao giờ khi có tin khẩn cấp.',
  reloadOn: 'Tải lại lúc',
  issues: {
    noDay: 'Chọn ít nhất một ngày hoạt động.',
    time: 'Giờ không hợp lệ: nhập theo dạng HH:MM, ví dụ 06:00.',
    reload: 'Giờ tải lại không hợp lệ: nhập theo dạng HH:MM, ví dụ 03:30.',
  },
  cancel: 'Hủy',
  save: 'Lưu',
  saving: 'Đang lưu…',
  /** The fleet row: an offline screen outside its hours is no alarm. */
  closed: 'Ngoài giờ hoạt động',
  closedCount: (n: number) => `${n} ngoài giờ hoạt động`,
  summaryAlways: 'Luôn bật',
} as const;
