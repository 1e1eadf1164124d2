// Vietnamese text of the media library and the media picker. English identifiers; Vietnamese only here.
import { IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS, VIDEO_MAX_BYTES } from '../../playlists/index.ts';
import { errorText } from './errors.ts';

const MB = 1024 * 1024;

/** The media library view, the upload box and the picker. */
export const mediaMessages = {
  title: 'Thư viện ảnh và video',
  intro: `Ảnh JPEG, PNG, WebP (tối đa ${IMAGE_MAX_BYTES / MB} MB) và video MP4 (H.264), WebM (tối đa ${VIDEO_MAX_BYTES / MB} MB). ` +
    'Màn hình nhỏ chỉ tải bản thu nhỏ vừa cỡ của ảnh.',
  choose: 'Chọn tệp để tải lên',
  chooseImage: 'Tải ảnh mới lên',
  chooseVideo: 'Tải video mới lên',
  drop: 'hoặc kéo thả tệp vào đây',
  uploading: 'Đang tải lên…',
  processing: 'Đang xử lý…',
  uploaded: 'Đã tải lên',
  duplicate: 'Tệp này đã có trong thư viện',
  empty: 'Thư viện chưa có ảnh hay video nào.',
  refresh: 'Tải lại',
  filter: 'Hiện',
  filters: { all: 'Tất cả', image: 'Ảnh', video: 'Video' } as Record<string, string>,
  columns: { preview: 'Xem trước', name: 'Tên tệp', details: 'Thông tin', usedBy: 'Đang dùng trong', actions: '' },
  kindOfMedia: { image: 'Ảnh', video: 'Video' } as Record<string, string>,
  types: { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'video/mp4': 'MP4', 'video/webm': 'WebM' } as Record<string, string>,
  derivatives: (n: number) => (n > 0 ? `${n} bản thu nhỏ` : 'không cần bản thu nhỏ'),
  unused: 'Chưa dùng',
  otherUses: (n: number) => `${n} nội dung của phường, xã khác hoặc của thành phố`,
  draft: 'bản nháp',
  published: 'đang phát',
  uploadedAt: (date: string) => `Tải lên ${date}`,
  ward: (code: string) => `Của xã, phường ${code}`,
  delete: 'Xóa',
  confirmDelete: (name: string) => `Xóa “${name}” khỏi thư viện? Không thể hoàn tác.`,
  deleted: (name: string) => `Đã xóa “${name}”.`,
  inUse: 'Không xóa được: tệp này đang được dùng trong các nội dung dưới đây. Hãy đổi hoặc xóa các nội dung đó (và xuất bản) trước.',
  /** Item kinds not (yet) in messages.kinds. */
  itemKinds: { story: 'Gương điển hình', image: 'Hình ảnh', video: 'Video', ticker: 'Chữ chạy' } as Record<string, string>,
  noLabel: '(không có chữ)',
  picker: {
    none: 'Chưa chọn',
    open: 'Chọn từ thư viện…',
    close: 'Đóng',
    clear: 'Bỏ chọn',
    nothing: (kind: string) => (kind === 'video' ? 'Thư viện chưa có video nào: hãy tải lên.' : 'Thư viện chưa có ảnh nào: hãy tải lên.'),
    pick: (name: string) => `Chọn ${name}`,
  },
  errors: {
    unsupported_file_type: 'Tệp không phải ảnh JPEG, PNG, WebP hay video MP4, WebM (loại tệp được xác định theo nội dung, không theo tên).',
    unsupported_media_type: 'Trình duyệt gửi tệp sai cách. Hãy tải lại trang rồi thử lại.',
    file_too_large: `Tệp quá lớn: ảnh tối đa ${IMAGE_MAX_BYTES / MB} MB, video tối đa ${VIDEO_MAX_BYTES / MB} MB.`,
    corrupt_image: 'Ảnh bị hỏng hoặc chưa tải đủ (không đọc được). Hãy kiểm tra tệp gốc.',
    image_too_large: `Ảnh có quá nhiều điểm ảnh (tối đa ${IMAGE_MAX_PIXELS / 1e6} megapixel, ví dụ 8160×6120). Hãy thu nhỏ ảnh rồi tải lên lại.`,
    media_too_complex: 'Cấu trúc tệp bất thường (quá nhiều phần nhỏ), không phải tệp do máy ảnh hay phần mềm dựng phim tạo ra. Hãy xuất lại tệp rồi tải lên.',
    corrupt_video: 'Video bị hỏng hoặc bị cắt cụt. Hãy kiểm tra tệp gốc.',
    video_duration_unknown: 'Không đọc được độ dài của video. Hãy xuất lại video (ví dụ bằng phần mềm dựng phim) rồi tải lên.',
    no_video_track: 'Tệp không có hình (chỉ có âm thanh).',
    unsupported_video_codec: 'Video MP4 phải dùng chuẩn nén H.264; WebM phải dùng VP8, VP9 hoặc AV1.',
    bad_filename: 'Tên tệp không hợp lệ (có đường dẫn như “../”, ký tự điều khiển, hoặc dài quá 200 ký tự). Hãy đổi tên tệp.',
    empty_file: 'Tệp rỗng.',
    upload_incomplete: 'Tải lên bị gián đoạn. Hãy thử lại.',
    media_in_use: 'Tệp này đang được dùng trong nội dung phát.',
    media_not_found: 'Không tìm thấy tệp này (có thể đã bị xóa).',
    unknown_media: 'Nội dung dùng một ảnh hoặc video không còn trong thư viện.',
    wrong_media_kind: 'Chỗ này cần ảnh (hoặc video) nhưng tệp đã chọn là loại khác.',
    network: 'Mất kết nối tới máy chủ. Hãy thử lại.',
  } as Record<string, string>,
};

/** An error code as Vietnamese text: the library's own codes first, then the admin's. */
export function mediaErrorText(code: string): string {
  return mediaMessages.errors[code] ?? errorText(code);
}
