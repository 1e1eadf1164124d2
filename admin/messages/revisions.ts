// Vietnamese text of the revision history: the list, and a revision's side-by-side difference.
import { editorMessages, fieldLabel } from './editor.ts';

const e = editorMessages.editor;

/** The list of revisions (`messages.revisions`). */
export const revisionListMessages = {
  revisions: {
    title: 'Lịch sử xuất bản',
    number: 'Phiên bản',
    at: 'Thời gian',
    by: 'Người xuất bản',
    changes: 'Thay đổi',
    restore: 'Khôi phục',
    current: 'Đang phát',
    summary: (added: number, changed: number, removed: number) =>
      `${added} mới, ${changed} sửa, ${removed} bỏ`,
    restored: (n: number) => `Đã khôi phục thành phiên bản ${n}.`,
    /** The question before restoring, under what it would change. */
    restoreAsk: (n: number) => `Khôi phục phiên bản ${n}?`,
    restoreExplain: 'Các màn hình sẽ nhận ngay nội dung dưới đây. Bản nháp đang sửa sẽ được thay bằng phiên bản này. Tin khẩn cấp đang phát vẫn giữ nguyên.',
    restoreConfirm: (n: number) => `Khôi phục phiên bản ${n}`,
    restoreCancel: 'Không khôi phục',
  },
} as const;

/** A revision's changes, side by side. */
export const revisionMessages = {
  show: 'Xem thay đổi',
  /** Under the history: the next page of older revisions. */
  more: 'Xem thêm',
  close: 'Đóng',
  title: (n: number, previous: number) =>
    previous > 0 ? `Thay đổi của phiên bản ${n} so với phiên bản ${previous}` : `Phiên bản ${n} — lần xuất bản đầu tiên`,
  by: (who: string, at: string) => `Xuất bản bởi ${who} lúc ${at}`,
  loading: 'Đang tải…',
  none: 'Phiên bản này không có thay đổi nào bạn được xem.',
  restoreTitle: (n: number, current: number | null) =>
    current === null ? `Khôi phục phiên bản ${n} sẽ thay đổi` : `Khôi phục phiên bản ${n} sẽ thay đổi so với phiên bản ${current} đang phát`,
  restoreNone: 'Các màn hình đã có đúng nội dung của phiên bản này: khôi phục không thay đổi gì.',
  before: 'Trước',
  after: 'Sau',
  field: 'Mục',
  absent: '—',
  yes: 'Có',
  no: 'Không',
  states: { added: 'Mới', changed: 'Đã sửa', removed: 'Đã bỏ' },
  kinds: { item: 'Nội dung', playlist: 'Danh sách phát', schedule: 'Lịch phát', defaultPlaylist: 'Danh sách phát mặc định' } as Record<string, string>,
  differs: 'khác',
  /** Names of playlist and schedule fields (an item's come from the editor's labels). */
  fields: {
    kind: e.kind,
    name: 'Tên',
    itemIds: 'Các nội dung (theo thứ tự phát)',
    playlistId: 'Danh sách phát',
    tier: 'Mức ưu tiên',
    zone: 'Vùng màn hình',
    target: 'Màn hình nhận',
    time: 'Thời gian phát',
    ownerWard: 'Xã, phường',
    wardCode: 'Xã, phường',
    ward: 'Tên xã, phường hiển thị',
    locationKind: 'Loại địa điểm',
    tags: 'Thẻ',
    defaultPlaylist: 'Danh sách phát mặc định',
    event: 'Sự kiện',
    image: 'Ảnh kèm',
  } as Record<string, string>,
  /** A field with no name of its own here (never shown as its code). */
  otherField: 'Mục khác',
  seconds: (s: number) => `${s} giây`,
};

/** A field's name in Vietnamese: an item's as the editor labels it, others from `fields`. */
export function revisionFieldLabel(kind: string, name: string): string {
  const own = kind === 'item' && name !== 'kind' ? fieldLabel(name) : name;
  if (own !== name) return own;
  return revisionMessages.fields[name] ?? revisionMessages.otherField;
}
