/** Every Vietnamese string the player shows. Identifiers stay English; the text lives here. */
export interface PlayerMessages {
  unregistered: { title: string; body: string };
  /** A small notice when another tab or box took over this screen's connection (close 4004). */
  replaced: string;
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
}

export const messages: PlayerMessages = {
  unregistered: {
    title: 'Màn hình chưa được đăng ký',
    body: 'Người vận hành cần mở màn hình này bằng đường liên kết của nó trong trang quản trị.',
  },
  replaced: 'Màn hình này đang được phát ở một thẻ hoặc thiết bị khác.',
  countdown: {
    days: 'ngày',
    hours: 'giờ',
    today: 'Hôm nay',
    after: 'Đã diễn ra',
  },
};
