// What player/ exports to the admin page, for its preview: the item renderers and the function
// that picks one by kind. Nothing here connects, stores or schedules.
// First: zod must be told not to probe `new Function` before any schema is built (CSP).
import '../playlists/zod-config.ts';
export { renderItem } from './render-item.ts';
export { BtSlogan, type SloganItem } from './components/slogan.ts';
export { BtCountdown, type CountdownItem } from './components/countdown.ts';
export { BtPolicyNotice, type NoticeItem } from './components/policy-notice.ts';
export { BtClock, type ClockItem } from './components/clock.ts';
export { clockFace, type ClockFace } from './clock-format.ts';
export { BtIdle } from './components/idle.ts';
export { fitText, FitController } from './fit-text.ts';
export { messages } from './messages.ts';
