// Vietnamese text of the notices bell in the admin header (submissions waiting, rejections).
export const noticeMessages = {
  button: 'Thông báo',
  count: (n: number) => (n ? `${n} thông báo mới` : 'Không có thông báo mới'),
  heading: 'Thông báo',
  none: 'Không có gì cần bạn xử lý.',
  waiting: (label: string, by: string) => `Chờ duyệt: «${label}», gửi bởi ${by}.`,
  rejected: (label: string, by: string | undefined, reason: string | undefined) =>
    `Bị từ chối: «${label}»${by ? ` (${by})` : ''}${reason ? ` — lý do: ${reason}` : ''}.`,
  openApprovals: 'Mở hàng chờ duyệt',
  openContent: 'Mở nội dung',
} as const;
