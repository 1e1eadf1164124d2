import type { MEDIA_ERRORS } from '../../playlists/index.ts';

/** The fleet dashboard's words for a screen's offline cache and media downloads. */
export const cacheMessages = {
  /** Short, in the row. */
  noOfflineCache: 'Không có bộ nhớ đệm ngoại tuyến',
  /** Why, in the tooltip. */
  insecure: 'Trang không chạy trong ngữ cảnh an toàn (cần HTTPS hoặc localhost): màn hình chỉ phát khi có mạng.',
  noWorker: 'Trình duyệt không cài được service worker: màn hình chỉ phát khi có mạng.',
  cached: (size: string) => `bộ nhớ đệm ${size}`,
  downloading: (filesDone: number, files: number, percent: number) => `đang tải nội dung ${filesDone}/${files} tệp (${percent}%)`,
  /** A medium could not be cached: the screen keeps playing its previous content. */
  failed: (reason: string) => `lỗi tải nội dung: ${reason}; vẫn phát nội dung cũ`,
  reasons: {
    not_found: 'tệp không có trên máy chủ',
    http: 'máy chủ trả lỗi',
    hash_mismatch: 'nội dung tệp sai mã kiểm tra (sha256)',
    network: 'mất kết nối khi tải',
    storage: 'hết chỗ lưu trên thiết bị',
  } satisfies Record<(typeof MEDIA_ERRORS)[number], string>,
};
