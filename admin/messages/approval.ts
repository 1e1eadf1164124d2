// Vietnamese text of content approval in the admin page. English identifiers; Vietnamese only here.
import type { ReviewState } from '../../playlists/index.ts';
import { errorText } from './errors.ts';

export const approvalMessages = {
  /** The nav entry of the approval queue. */
  nav: 'Duyệt nội dung',
  states: {
    draft: 'Nháp',
    submitted: 'Chờ duyệt',
    approved: 'Đã duyệt',
    rejected: 'Bị từ chối',
    archived: 'Lưu trữ',
  } satisfies Record<ReviewState, string>,
  rejectedBecause: (reason: string) => `Bị từ chối: ${reason}`,
  /** Beside the badge of a draft whose approved version is on air. */
  approvedOnAir: 'Bản đã duyệt vẫn đang phát cho tới khi bản sửa được duyệt.',
  submit: 'Gửi duyệt',
  submitted: 'Đã gửi duyệt. Người duyệt sẽ xem và duyệt hoặc trả lại kèm lý do.',
  archive: 'Lưu trữ',
  unarchive: 'Bỏ lưu trữ',
  /** The questions before archiving and unarchiving an item (`title`: its text). */
  archiveAsk: {
    title: (title: string) => `Lưu trữ «${title}»?`,
    lines: ['Nội dung sẽ rời khỏi các màn hình ở lần xuất bản tới.', 'Có thể bỏ lưu trữ sau; nội dung không bị xóa.'],
    confirm: 'Lưu trữ',
  },
  unarchiveAsk: {
    title: (title: string) => `Bỏ lưu trữ «${title}»?`,
    lines: ['Nội dung trở lại danh sách; bản đã duyệt sẽ lên màn hình ở lần xuất bản tới.'],
    confirm: 'Bỏ lưu trữ',
  },
  keep: 'Không',
  /** Beside the publish button: city items that wait for an approver. */
  awaiting: (n: number) => `${n} nội dung chờ duyệt`,
  queue: {
    title: 'Duyệt nội dung',
    empty: 'Không có nội dung nào chờ duyệt.',
    intro: 'Nội dung của thành phố chỉ được xuất bản lên màn hình sau khi được duyệt. Bên trái là bản đang phát, bên phải là bản gửi duyệt.',
    by: (user: string, at: string) => `Gửi bởi ${user} lúc ${at}`,
    onAir: 'Đang phát trên màn hình',
    submittedVersion: 'Bản gửi duyệt',
    notOnAir: 'Chưa có trên màn hình: đây là nội dung mới.',
    changes: 'Thay đổi',
    noChanges: 'Không có thay đổi so với bản đang phát.',
    field: 'Mục',
    before: 'Đang phát',
    after: 'Gửi duyệt',
    empty_value: '(trống)',
    /** A picture or clip of the library, by what it is (files have no names an approver knows). */
    mediaValue: (kind: 'image' | 'video', width: number, height: number, seconds: number | null) =>
      `${kind === 'image' ? 'ảnh' : 'video'} ${width}×${height}${seconds === null ? '' : `, ${seconds} giây`}`,
    approve: 'Duyệt',
    reject: 'Từ chối',
    ownSubmission: 'Bạn đã gửi nội dung này nên không thể tự duyệt: cần một người duyệt khác.',
    reason: 'Lý do từ chối (người soạn sẽ thấy)',
    confirmReject: 'Gửi từ chối',
    cancel: 'Hủy',
    reasonRequired: 'Hãy ghi lý do từ chối.',
    approved: 'Đã duyệt. Nội dung lên màn hình khi bấm «Xuất bản» ở mục «Nội dung phát».',
    rejected: 'Đã từ chối và gửi lý do cho người soạn.',
    profile: 'Xem trước ở cỡ',
    /** On the item whose submission changed while the approver looked at it. */
    resubmitted: 'Đây là bản mới vừa được gửi lại. Hãy xem kỹ trước khi duyệt.',
  },
  /** Audit log actions of approval (server/routes/approvals.ts). */
  auditActions: {
    submit: 'Gửi duyệt',
    approve: 'Duyệt',
    reject: 'Từ chối',
    archive: 'Lưu trữ',
    unarchive: 'Bỏ lưu trữ',
  } as Record<string, string>,
  errors: {
    own_submission: 'Không ai được tự duyệt nội dung mình đã gửi.',
    not_submittable: 'Chỉ gửi duyệt được bản nháp hoặc bản bị từ chối.',
    not_submitted: 'Nội dung này không còn chờ duyệt (có thể đã được sửa, duyệt hoặc từ chối).',
    submission_changed: 'Người soạn đã sửa và gửi lại nội dung này sau khi bạn mở nên chưa có gì được ghi nhận. Bản mới đang hiện bên dưới.',
    ward_content: 'Tin riêng của phường, xã không cần duyệt.',
    already_archived: 'Nội dung này đã được lưu trữ.',
    not_archived: 'Nội dung này không nằm trong lưu trữ.',
  } as Record<string, string>,
};

/** An API error code as text, with approval's own codes. */
export function approvalErrorText(code: string): string {
  return approvalMessages.errors[code] ?? errorText(code);
}
