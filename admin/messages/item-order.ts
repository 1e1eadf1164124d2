// Vietnamese text of the content list over the editors: search, filters, and reordering.
export const itemOrderMessages = {
  heading: 'Thứ tự và tìm kiếm',
  search: 'Tìm theo nội dung',
  kind: 'Loại',
  theme: 'Chủ đề',
  status: 'Trạng thái',
  all: 'Tất cả',
  shown: (shown: number, total: number) => `Đang hiện ${shown}/${total} nội dung.`,
  hint: 'Kéo một dòng để đổi thứ tự phát; hoặc chọn dòng rồi bấm Alt + mũi tên lên/xuống.',
  row: (position: number, kind: string, label: string) => `${position}. ${kind}: ${label}`,
} as const;
