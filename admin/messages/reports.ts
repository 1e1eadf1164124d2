import { editorMessages } from './editor.ts';
import { messages } from './index.ts';

/** The Vietnamese of the *Báo cáo* page and its printed report (issue 14). */
export const reportMessages = {
  nav: 'Báo cáo',
  title: 'Báo cáo',
  tabs: { periodic: 'Báo cáo định kỳ', custom: 'Báo cáo theo thời gian tùy chọn' },
  /** The plan's seven themes, named. */
  themes: editorMessages.themes,
  locationKinds: messages.locationKinds,
  kinds: { six_month: 'Báo cáo 6 tháng', yearly: 'Báo cáo năm' } as Record<string, string>,
  kindTitle: { six_month: 'SÁU THÁNG', yearly: 'NĂM' } as Record<string, string>,
  status: { draft: 'Bản nháp', final: 'Đã chốt' } as Record<string, string>,
  draftedBy: { schedule: 'tự động', user: 'theo yêu cầu' } as Record<string, string>,
  periodic: {
    empty: 'Chưa có báo cáo định kỳ. Hệ thống tự lập bản nháp một tuần trước hạn (25/05 và 15/12).',
    kind: 'Loại báo cáo',
    unit: 'Đơn vị',
    city: 'Toàn thành phố',
    due: 'Hạn nộp',
    period: 'Kỳ báo cáo',
    status: 'Trạng thái',
    year: 'Năm',
    create: 'Lập báo cáo',
    open: 'Xem',
    created: 'Đã lập bản nháp.',
    finalize: 'Chốt số liệu',
    confirmFinalize: 'Chốt báo cáo? Sau khi chốt, số liệu không thay đổi nữa.',
    save: 'Lưu kỳ báo cáo',
    unitName: 'Tên đơn vị (in trên báo cáo)',
    saved: 'Đã lưu.',
    back: 'Quay lại danh sách',
    late: (n: number) => `${formatCount(n)} lượt phát đến sau khi chốt, không tính trong báo cáo này.`,
  },
  filters: {
    from: 'Từ ngày',
    to: 'Đến ngày',
    wards: 'Xã, phường',
    locationKinds: 'Loại địa điểm',
    screens: 'Màn hình',
    all: 'Tất cả',
    show: 'Xem báo cáo',
    hint: 'Giữ Ctrl (hoặc ⌘) để chọn nhiều.',
  },
  actions: { print: 'In báo cáo', playout: 'Xuất dữ liệu phát (CSV chuẩn playout)', csv: 'CSV' },
  doc: {
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    defaultUnit: 'Sở Giáo dục và Đào tạo Hà Nội',
    wardUnit: (ward: string) => `UBND ${ward}`,
    placeDate: (d: string, m: string, y: string) => `Hà Nội, ngày ${d} tháng ${m} năm ${y}`,
    title: (kind: string, year: number) => (kind === 'six_month' ? `BÁO CÁO 6 THÁNG NĂM ${year}` : `BÁO CÁO NĂM ${year}`),
    customTitle: 'BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN',
    subtitle: 'Kết quả tuyên truyền giáo dục nghề nghiệp trên hệ thống bảng tin điện tử (Kế hoạch tuyên truyền Đề án giai đoạn 2025 - 2030)',
    recipient: 'Kính gửi: Sở Văn hóa và Thể thao thành phố Hà Nội',
    period: (from: string, to: string) => `Kỳ báo cáo: từ ngày ${from} đến ngày ${to}`,
    scope: 'Phạm vi',
    draft: 'BẢN NHÁP — số liệu còn thay đổi cho đến khi chốt',
    frozen: (at: string) => `Số liệu chốt ngày ${at}`,
    generated: (at: string) => `Số liệu tính đến ${at}`,
    sections: {
      overview: 'I. TỔNG QUAN',
      themes: 'II. THỜI LƯỢNG PHÁT THEO CHỦ ĐỀ',
      wards: 'III. KẾT QUẢ THEO XÃ, PHƯỜNG',
      days: 'IV. LƯỢT PHÁT THEO NGÀY',
      items: 'V. NỘI DUNG ĐƯỢC PHÁT NHIỀU NHẤT',
      uptime: 'VI. THỜI GIAN HOẠT ĐỘNG CỦA MÀN HÌNH',
      emergencies: 'VII. TIN KHẨN CẤP',
      scans: 'VIII. LƯỢT QUÉT MÃ QR (ĐÁNH GIÁ TÁC ĐỘNG)',
    },
    overview: {
      screens: 'Số màn hình',
      plays: 'Tổng số lượt phát',
      completed: 'Lượt phát trọn vẹn',
      airtime: 'Tổng thời lượng phát (giờ)',
      uptime: 'Tỷ lệ hoạt động trong giờ vận hành',
      scans: 'Lượt quét mã QR',
    },
    columns: {
      theme: 'Chủ đề', plays: 'Lượt phát', completed: 'Phát trọn vẹn', airtime: 'Thời lượng (giờ)', share: 'Tỷ lệ',
      ward: 'Xã, phường', screens: 'Số màn hình', scans: 'Lượt quét QR', uptime: 'Tỷ lệ hoạt động',
      date: 'Ngày', item: 'Nội dung', kind: 'Loại', screen: 'Màn hình', location: 'Địa điểm',
      open: 'Giờ vận hành (phút)', online: 'Trực tuyến (phút)', emergency: 'Nội dung tin', sentAt: 'Thời điểm phát',
      shown: 'Đã hiển thị', reached: 'Đạt 95 % sau',
    },
    minutes: 'phút',
    noUptime: 'Chưa có số liệu về thời gian hoạt động trong kỳ này.',
    total: 'Tổng cộng',
    noWard: 'Chưa gán xã, phường',
    removed: 'Màn hình đã gỡ bỏ',
    none: 'Không có.',
    notReached: 'chưa đạt',
    shownOf: (n: number, m: number) => `${formatCount(n)}/${formatCount(m)} màn hình`,
    lowestUptime: (n: number) => `${n} màn hình có tỷ lệ hoạt động thấp nhất:`,
    uptimeNote: 'Tỷ lệ hoạt động = thời gian màn hình kết nối trong giờ vận hành / tổng giờ vận hành.',
    signer: 'NGƯỜI LẬP BÁO CÁO',
    head: 'THỦ TRƯỞNG ĐƠN VỊ',
    signHint: '(Ký, ghi rõ họ tên)',
    headHint: '(Ký tên, đóng dấu)',
  },
  /** Column headers of the CSV files, by the keys of playlists/reports.ts `reportTable`. */
  csvColumns: {
    theme: 'Chủ đề', plays: 'Lượt phát', completed: 'Phát trọn vẹn', airtime_minutes: 'Thời lượng (phút)', share: 'Tỷ lệ',
    ward_code: 'Mã xã, phường', ward_name: 'Xã, phường', screens: 'Số màn hình', scans: 'Lượt quét QR', uptime_share: 'Tỷ lệ hoạt động',
    date: 'Ngày', item_id: 'Mã nội dung', title: 'Nội dung', kind: 'Loại', screen_id: 'Mã màn hình', screen_name: 'Màn hình',
    location_kind: 'Loại địa điểm', open_minutes: 'Giờ vận hành (phút)', online_minutes: 'Trực tuyến (phút)',
    schedule_id: 'Mã tin', text: 'Nội dung tin', starts_at: 'Thời điểm phát', targeted: 'Số màn hình nhận', shown: 'Đã hiển thị',
    time_to_95_seconds: 'Đạt 95 % sau (giây)', item_title: 'Nội dung',
  } as Record<string, string>,
  csvFile: { themes: 'chu-de', wards: 'xa-phuong', days: 'theo-ngay', items: 'noi-dung', uptime: 'hoat-dong', emergencies: 'khan-cap', scans: 'quet-qr' } as Record<string, string>,
  chartLabel: 'Lượt phát theo ngày',
  errors: {
    invalid_period: 'Kỳ báo cáo không hợp lệ: ngày bắt đầu phải trước ngày kết thúc, tối đa 2 năm.',
    report_exists: 'Báo cáo này đã được lập.',
    report_final: 'Báo cáo đã chốt, không sửa được nữa.',
    report_not_found: 'Không tìm thấy báo cáo.',
    ward_not_found: 'Không tìm thấy xã, phường.',
    screen_not_found: 'Không tìm thấy màn hình.',
  } as Record<string, string>,
};

/** 1234567 → "1.234.567" (Vietnamese thousands separator). */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 1234.56 → "1.234,6" (one decimal, comma). */
export function formatDecimal(n: number, digits = 1): string {
  const [whole, frac] = Math.abs(n).toFixed(digits).split('.') as [string, string | undefined];
  return `${n < 0 ? '-' : ''}${formatCount(Number(whole))}${frac ? `,${frac}` : ''}`;
}

/** 0.9734 → "97,3 %"; null → "—". */
export const formatShare = (share: number | null): string => (share === null ? '—' : `${formatDecimal(share * 100)} %`);

/** Airtime in hours, one decimal. */
export const formatHours = (ms: number): string => formatDecimal(ms / 3_600_000);

/** `2026-05-18` → `18/05/2026`. */
export const formatDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A duration in minutes and seconds, e.g. "2 phút 05 giây". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m ? `${m} phút ${String(s % 60).padStart(2, '0')} giây` : `${s} giây`;
}

export const reportErrorText = (code: string): string => reportMessages.errors[code] ?? messages.errors[code] ?? messages.errors.unknown!;
