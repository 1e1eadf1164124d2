// What keeps a screen in the field right (issue 6), in a chunk of its own that the page loads
// once its first content shows: the boot JavaScript stays within its budget. (Operating hours
// decide the first content, so hours.ts loads at boot, beside it.)
export { DailyReload } from './daily-reload.ts';
export { WatchdogReload } from './watchdog-reload.ts';
