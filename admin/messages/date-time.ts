import type { DateTimeKind, DateTimeProblem } from '../date-time-text.ts';

/** Vietnamese text of the date and time fields (admin/components/date-time-field.ts). */
export const dateTimeMessages = {
  /** What the empty field shows: ngày/tháng/năm, giờ:phút. */
  placeholder: { date: 'nn/tt/nnnn', time: 'gg:pp', 'datetime-local': 'nn/tt/nnnn gg:pp' } satisfies Record<DateTimeKind, string>,
  /** Read by screen readers after the label. */
  format: {
    date: 'Ngày/tháng/năm, ví dụ 04/10/2026',
    time: 'Giờ:phút theo 24 giờ, ví dụ 08:00 hoặc 21:30',
    'datetime-local': 'Ngày/tháng/năm giờ:phút, ví dụ 04/10/2026 08:00',
  } satisfies Record<DateTimeKind, string>,
  problems: {
    date: {
      format: 'Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 04/10/2026.',
      'no-such-date': 'Không có ngày này: kiểm tra lại ngày và tháng (ngày/tháng/năm).',
      'no-such-time': 'Giờ không hợp lệ.',
    },
    time: {
      format: 'Giờ không hợp lệ: nhập theo dạng giờ:phút (24 giờ), ví dụ 08:00 hoặc 21:30.',
      'no-such-date': 'Ngày không hợp lệ.',
      'no-such-time': 'Không có giờ này: giờ từ 00:00 đến 23:59.',
    },
    'datetime-local': {
      format: 'Nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 04/10/2026 08:00.',
      'no-such-date': 'Không có ngày này: kiểm tra lại ngày và tháng (ngày/tháng/năm).',
      'no-such-time': 'Không có giờ này: giờ từ 00:00 đến 23:59.',
    },
  } satisfies Record<DateTimeKind, Record<DateTimeProblem, string>>,
  required: { date: 'Hãy nhập ngày.', time: 'Hãy nhập giờ.', 'datetime-local': 'Hãy nhập ngày và giờ.' } satisfies Record<DateTimeKind, string>,
} as const;
