/**
 * The Vietnamese strings of the player's views and renderers (the shell's own line is in
 * messages-shell.ts, the emergency look's in messages-emergency.ts). Identifiers stay English.
 */
export interface PlayerMessages {
  /** A player without a token shows a pairing code for an operator to enter in the admin page. */
  pairing: {
    /** Above the code. */
    label: string;
    /** How to use the code; hidden on boards too small to read it. */
    instruction: string;
    /** While the first code is being fetched. */
    requesting: string;
    /** The server does not answer; the code (if any) stays valid meanwhile. */
    offline: string;
    /** Above the code after an operator retired this screen (close 4005): why it left the air. */
    retired: string;
  };
  countdown: {
    /** Unit after the number of days left. */
    days: string;
    /** Unit after the number of hours left. */
    hours: string;
    /** The whole event day. */
    today: string;
    /** After the event day, when the item has no `afterText`. */
    after: string;
  };
  clock: {
    /** Weekday names, 0 = Sunday … 6 = Saturday. */
    weekdays: readonly string[];
  };
  notice: {
    /** Accessible name of a notice's QR code. */
    qrLabel: string;
  };
}

export const messages: PlayerMessages = {
  pairing: {
    label: 'Mã ghép nối',
    instruction: 'Trong trang quản trị, mở “Màn hình” → “Ghép nối màn hình” và nhập mã này.',
    requesting: 'Đang lấy mã ghép nối…',
    offline: 'Chưa kết nối được máy chủ, đang thử lại…',
    retired: 'Màn hình này đã ngừng sử dụng. Ghép nối lại để phát tiếp.',
  },
  countdown: {
    days: 'ngày',
    hours: 'giờ',
    today: 'Hôm nay',
    after: 'Đã diễn ra',
  },
  clock: {
    weekdays: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  },
  notice: {
    qrLabel: 'Mã QR tới trang thông tin chi tiết',
  },
};
