// Vietnamese text of a screen's token actions (rotate, revoke). English identifiers; Vietnamese only here.
/** The screen token dialog: rotate (a new link, shown once) or revoke. */
export const tokenMessages = {
  open: 'Mã kết nối',
  /** The row's button: short, the column is narrow. */
  short: 'Mã',
  openLabel: (name: string) => `Mã kết nối của màn hình ${name}`,
  title: (name: string) => `Mã kết nối — ${name}`,
  explain:
    'Màn hình dùng một mã bí mật để nhận nội dung. Nếu mã bị lộ hoặc thiết bị bị mất, hãy cấp mã mới hoặc thu hồi mã. ' +
    'Màn hình đang chạy sẽ ngắt kết nối ngay và hiện màn hình ghép nối.',
  rotate: 'Cấp mã mới',
  revoke: 'Thu hồi mã',
  cancel: 'Hủy',
  close: 'Đóng',
  confirmRotate: 'Cấp mã mới? Mã cũ mất hiệu lực ngay; màn hình cần được mở lại bằng đường dẫn mới.',
  confirmRevoke: 'Thu hồi mã? Màn hình ngừng nhận nội dung cho đến khi được cấp mã mới.',
  confirm: 'Xác nhận',
  busy: 'Đang xử lý…',
  issued: 'Đã cấp mã mới. Mở đường dẫn này trên màn hình. Đường dẫn chỉ hiện một lần: hãy sao chép ngay.',
  link: 'Đường dẫn phát mới',
  copy: 'Sao chép',
  copied: 'Đã sao chép',
  revoked: 'Đã thu hồi mã. Màn hình đã ngắt kết nối và hiện màn hình ghép nối.',
};
