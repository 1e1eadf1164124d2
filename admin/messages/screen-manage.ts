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
} as const;
