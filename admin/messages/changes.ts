// Vietnamese sentences describing changes (the revision diff, the restore question, the audit log).

/** How a change is told: subjects, verbs, values. */
export const changeMessages = {
  /** What an id names when its name is unknown (never the id itself). */
  unnamed: {
    item: 'một nội dung đã xóa',
    playlist: 'một danh sách phát đã xóa',
    schedule: 'một lịch phát đã xóa',
    screen: 'một màn hình đã gỡ',
    ward: 'một xã, phường không còn trong danh sách',
    user: 'một tài khoản',
    media: 'một tệp trong thư viện',
  } as Record<string, string>,
  /** Lower-case nouns, as the middle of a sentence has them. */
  nouns: {
    item: 'nội dung', playlist: 'danh sách phát', schedule: 'lịch', defaultPlaylist: 'danh sách phát mặc định',
  } as Record<string, string>,
  defaultPlaylist: 'Danh sách phát mặc định',
  /** "Lịch «Tết»". */
  subject: (noun: string, name: string) => `${noun.charAt(0).toUpperCase()}${noun.slice(1)} «${name}»`,
  added: (subject: string) => `Thêm ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`,
  removed: (subject: string) => `Bỏ ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`,
  /** "Lịch «Tết»: 07:00–21:00 → 06:00–22:00"; with a label: "Lịch «Tết»: danh sách phát «A» → «B»". */
  field: (subject: string, label: string | null, before: string, after: string) =>
    `${subject}: ${label ? `${label.charAt(0).toLowerCase()}${label.slice(1)} ` : ''}${before} → ${after}`,
  /** A playlist's items: added, removed, order. */
  itemsAdded: (subject: string, names: string) => `${subject}: thêm ${names}`,
  itemsRemoved: (subject: string, names: string) => `${subject}: bỏ ${names}`,
  reordered: (subject: string) => `${subject}: đổi thứ tự phát`,
  quoted: (name: string) => `«${name}»`,
  and: 'và',
  none: 'không có',
  empty: '(trống)',
  yes: 'có',
  no: 'không',
  seconds: (s: number) => `${s} giây`,
  speed: (px: number) => `${px} điểm ảnh/giây`,
  media: 'một tệp trong thư viện',
  otherMedia: 'một tệp khác trong thư viện',
  city: 'thành phố',
  allScreens: 'tất cả màn hình',
  allDay: 'cả ngày',
  everyDay: 'mọi ngày',
  from: (date: string) => `từ ${date}`,
  fromTo: (from: string, until: string) => `từ ${from} đến hết ${until}`,
  /** Parts of a schedule's time, compared one by one. */
  timeParts: { dates: 'ngày', weekdays: 'các ngày trong tuần', windows: null, startsAt: 'bắt đầu lúc', endsAt: 'kết thúc lúc' } as Record<string, string | null>,
  /** Parts of a schedule's target. */
  target: { wards: 'xã, phường', kinds: 'loại vị trí', tags: 'nhãn', screens: 'màn hình' } as Record<string, string>,
  weekdayNames: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
  /** Fit choices of a picture. */
  fits: { contain: 'vừa khung', cover: 'phủ kín khung' } as Record<string, string>,
  /** Any other value of a field, when it cannot be put in words (it still never shows as code). */
  changedValue: 'đã đổi',
};
