// Vietnamese text of the content list beside the editor: search, filters, choosing and reordering.
export const itemOrderMessages = {
  heading: 'Nội dung trong danh sách phát',
  search: 'Tìm theo nội dung',
  kind: 'Loại',
  theme: 'Chủ đề',
  status: 'Trạng thái',
  all: 'Tất cả',
  shown: (shown: number, total: number) => `Đang hiện ${shown}/${total} nội dung.`,
  hint: 'Bấm một dòng (hoặc Enter) để sửa nội dung đó. Kéo một dòng để đổi thứ tự phát; hoặc chọn dòng rồi bấm Alt + mũi tên lên/xuống.',
  none: 'Không có nội dung nào khớp với bộ lọc.',
  row: (position: number, kind: string, label: string) => `${position}. ${kind}: ${label}`,
  add: '+ Thêm nội dung',
  /** Leaving an item whose edits cannot be saved (fields with errors, or the server refused). */
  discard: {
    title: 'Nội dung đang sửa chưa lưu được',
    lines: ['Còn ô báo lỗi nên các thay đổi chưa được lưu. Nếu mở nội dung khác, các thay đổi này sẽ mất.'],
    confirm: 'Bỏ thay đổi',
    cancel: 'Quay lại sửa',
  },
  /** Leaving the add form with something typed in it. */
  discardNew: {
    title: 'Nội dung mới chưa được thêm',
    lines: ['Những gì đã nhập trong «Thêm nội dung» sẽ mất nếu mở nội dung khác.'],
    confirm: 'Bỏ nội dung mới',
    cancel: 'Quay lại',
  },
} as const;
