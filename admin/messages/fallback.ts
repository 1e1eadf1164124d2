// Vietnamese strings of the per-screen fallback playlist, the timeline of a ward or a location
// kind, and the emergency picture (issue 4). English identifiers; the text is for operators.
import type { FallbackChoice } from '../../playlists/index.ts';

export const fallbackMessages = {
  panel: {
    title: 'Danh sách dự phòng',
    help: 'Phát khi màn hình không có lịch nào, để màn hình không bao giờ tối. Mặc định là danh sách của thành phố.',
    screen: 'Màn hình',
    playlist: 'Danh sách dự phòng',
    cityDefault: 'Mặc định của thành phố',
    save: 'Lưu danh sách dự phòng',
    saved: 'Đã lưu. Màn hình đang kết nối nhận nội dung mới ngay.',
    unpublished: 'Danh sách này chưa được xuất bản: màn hình phát danh sách mặc định của thành phố cho đến khi xuất bản.',
  },
  /** Whose fallback plays: said beside a fallback reason in the timeline. */
  source: (f: Pick<FallbackChoice, 'source' | 'screenPlaylistId'>, playlist: string | null): string =>
    f.source === 'screen'
      ? `dự phòng riêng của màn hình${playlist ? ` «${playlist}»` : ''}`
      : `dự phòng mặc định của thành phố${playlist ? ` «${playlist}»` : ''}${f.screenPlaylistId ? ' (danh sách dự phòng riêng chưa được xuất bản)' : ''}`,
  timeline: {
    scope: 'Xem theo',
    scopes: { screen: 'Màn hình', ward: 'Phường-xã', locationKind: 'Loại địa điểm' },
    ward: 'Phường-xã',
    locationKind: 'Loại địa điểm',
    appliesTo: (n: number, names: string) => `Áp dụng cho ${n} màn hình: ${names}`,
    noScreens: 'Không có màn hình nào ở đây.',
  },
  emergency: {
    image: 'Ảnh kèm theo (không bắt buộc)',
    imageHelp: 'Màn hình hiện chữ ngay, ảnh hiện khi đã tải xong; bảng LED nhỏ chỉ hiện chữ nếu ảnh làm chữ khó đọc.',
  },
};
