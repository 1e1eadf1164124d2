import { formatLocalDate, formatLocalTime, localParts } from '../playlists/player.ts';
import { messages } from './messages.ts';

export interface ClockFace {
  /** The weekday's name, e.g. Thursday, from the messages file. */
  weekday: string;
  /** `26/11/2026` */
  date: string;
  /** `08:05` */
  time: string;
}

/** What a clock shows at `ms`, in Asia/Ho_Chi_Minh whatever the device's time zone. */
export function clockFace(ms: number, weekdays: readonly string[] = messages.clock.weekdays): ClockFace {
  return {
    weekday: weekdays[localParts(ms).weekday] ?? '',
    date: formatLocalDate(ms),
    time: formatLocalTime(ms),
  };
}
