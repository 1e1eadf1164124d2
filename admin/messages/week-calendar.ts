// Vietnamese text of the schedules' week calendar.
export const weekMessages = {
  title: 'Lịch tuần',
  hint: 'Kéo trên ô trống để thêm lịch cho ngày đó; kéo một lịch để dời nó. Với bàn phím: chọn một lịch, mũi tên trái/phải dời một ngày, lên/xuống dời 30 phút, Enter để sửa; bấm tên một ngày để thêm lịch cho ngày đó.',
  addOn: (day: string) => `Thêm lịch ngày ${day}`,
  previous: 'Tuần trước',
  next: 'Tuần sau',
  today: 'Tuần này',
  days: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'],
  block: (name: string, day: string, from: string, to: string) => `${name}: ${day} ${from}–${to}`,
  moved: (name: string) => `Đã dời lịch «${name}».`,
  cannotMove: 'Không dời được: khung giờ sẽ ra ngoài ngày, hoặc lịch phát cả ngày chỉ dời được theo ngày.',
  newName: 'Lịch mới',
} as const;
