// The player's emergency wording, apart from messages.ts so it loads with the emergency
// renderer's chunk, not with every screen's boot code.

export const emergencyMessages = {
  /** The heading every emergency carries; a CAP event name may follow it. */
  heading: 'KHẨN CẤP',
  /** When it was issued: the time, and the date when not today. */
  issued: (time: string, date: string | null) => (date ? `${time} ngày ${date}` : time),
};
