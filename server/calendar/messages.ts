import type { ScheduleTier } from '../../playlists/index.ts';

// Vietnamese words of the iCalendar feed: calendar apps show them to officials as they are.
export const calendarMessages = {
  tiers: { normal: 'Thông thường', priority: 'Ưu tiên', emergency: 'Khẩn cấp' } as Record<ScheduleTier, string>,
  tier: 'Mức',
  playlist: 'Danh sách phát',
  schedule: 'Mã lịch',
} as const;
