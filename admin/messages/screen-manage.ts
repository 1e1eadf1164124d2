// Vietnamese text of a screen's manage dialog (admin/components/screen-manage.ts): its name,
// ward, location kind and tags after pairing. English identifiers; Vietnamese only here.

export const screenManageMessages = {
  title: (name: string) => `Quản lý màn hình — ${name}`,
  explain: 'Đổi tên, xã/phường, loại địa điểm hoặc thẻ của màn hình. Lịch phát theo phường, loại địa điểm và thẻ sẽ áp dụng ngay theo thông tin mới.',
  name: 'Tên màn hình',
  ward: 'Xã, phường',
  noWard: '— Chưa thuộc xã, phường nào —',
  wardLocked: 'Màn hình thuộc xã, phường của bạn; chỉ quản trị viên mới chuyển được sang xã, phường khác.',
  noWards: 'Chưa có danh sách xã, phường. Quản trị viên nhập danh sách (tệp CSV) ở mục «Xã, phường».',
  wardsFailed: 'Không tải được danh sách xã, phường.',
  locationKind: 'Loại địa điểm',
  tags: 'Thẻ (cách nhau bằng dấu phẩy)',
  tagsHint: 'Ví dụ: chợ, trung tâm. Lịch phát có thể nhắm tới các màn hình có một thẻ.',
  issues: {
    name: 'Nhập tên màn hình (tối đa 120 ký tự).',
    tagLength: 'Mỗi thẻ tối đa 40 ký tự.',
    tagCount: 'Tối đa 20 thẻ.',
  },
  cancel: 'Hủy',
  save: 'Lưu',
  saving: 'Đang lưu…',
  /** Retiring the screen (admins): the dialog's last part, and the question before it happens. */
  retire: {
    legend: 'Ngừng sử dụng màn hình',
    hint: 'Khi thiết bị hỏng, bị tháo hoặc thay bằng thiết bị khác. Lịch sử phát và báo cáo vẫn được giữ.',
    button: 'Ngừng sử dụng màn hình…',
    question: (name: string) => `Ngừng sử dụng màn hình «${name}»?`,
    lines: (name: string) => [
      `«${name}» sẽ thôi phát ngay: màn hình chuyển sang trang ghép nối và không nhận nội dung nữa.`,
      'Mã truy cập của màn hình bị thu hồi; màn hình biến mất khỏi danh sách và số liệu màn hình.',
      'Lịch sử phát và báo cáo của màn hình vẫn được giữ (thời lượng đã phát vẫn được tính).',
      'Muốn dùng lại thiết bị này, hãy ghép nối lại: nó sẽ thành một màn hình mới.',
    ],
    confirm: 'Ngừng sử dụng',
    cancel: 'Không, giữ lại',
  },
} as const;
