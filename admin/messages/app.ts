// Vietnamese text of the admin page's frame: its name, sign-in, navigation, publishing and the storage banner.
export const appMessages = {
  appName: 'bangtin — Bảng tin giáo dục nghề nghiệp',
  durationUnits: { seconds: 'giây', minutes: 'phút', hours: 'giờ', days: 'ngày' },
  signIn: {
    title: 'Đăng nhập',
    product: 'bangtin',
    tagline: 'Bảng tin giáo dục nghề nghiệp Hà Nội — trang quản trị',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    signOut: 'Đăng xuất',
    signOutEverywhere: 'Đăng xuất mọi nơi',
    throttled: 'Đăng nhập sai quá nhiều lần. Hãy đợi một lúc rồi thử lại.',
  },
  password: {
    title: 'Đổi mật khẩu',
    mustChange: 'Đây là mật khẩu tạm thời. Hãy đặt mật khẩu mới của riêng bạn trước khi tiếp tục.',
    current: 'Mật khẩu hiện tại',
    next: 'Mật khẩu mới (ít nhất 10 ký tự)',
    confirm: 'Nhập lại mật khẩu mới',
    mismatch: 'Hai lần nhập mật khẩu mới không giống nhau.',
    submit: 'Đổi mật khẩu',
  },
  nav: { content: 'Nội dung phát', media: 'Ảnh, video', schedules: 'Lịch phát', revisions: 'Lịch sử xuất bản', screens: 'Màn hình', users: 'Người dùng', wards: 'Xã, phường', audit: 'Nhật ký' },
  states: { published: 'Đang phát', new: 'Mới — chưa xuất bản', changed: 'Đã sửa — chưa xuất bản' } as Record<string, string>,
  // The content editor's strings: editor.ts.
  publish: {
    pending: (n: number) => `${n} thay đổi chưa xuất bản`,
    nothing: 'Mọi thay đổi đã được xuất bản',
    button: 'Xuất bản',
    done: (n: number) => `Đã xuất bản phiên bản ${n}. Màn hình đang cập nhật.`,
  },
  /** The dashboard's banner while the server cannot save (storage-banner.ts). */
  storage: {
    diskFull: 'Ổ đĩa của máy chủ đã đầy: các thay đổi lúc này không lưu được. Màn hình vẫn phát bình thường và tin khẩn cấp vẫn được ưu tiên gửi đi. Hãy báo quản trị hệ thống giải phóng dung lượng.',
    readOnly: 'Ổ đĩa của máy chủ đang ở chế độ chỉ đọc: các thay đổi lúc này không lưu được. Màn hình vẫn phát bình thường. Hãy báo quản trị hệ thống.',
    degraded: 'Máy chủ đang gặp sự cố lưu dữ liệu. Màn hình vẫn phát bình thường. Hãy báo quản trị hệ thống.',
    busUnreachable: 'Máy chủ không kết nối được Redis: các thay đổi vẫn được lưu nhưng nội dung xuất bản lúc này chưa tới được màn hình. Màn hình vẫn phát nội dung đã có và sẽ được cập nhật ngay khi kết nối trở lại. Hãy báo quản trị hệ thống.',
  },
} as const;
