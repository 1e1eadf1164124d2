// What keeps a screen in the field right (issue 6), in a chunk of its own that the page loads
// while it reads its storage at boot, to keep the boot JavaScript within its budget.
export { HoursGate } from './hours.ts';
export { DailyReload } from './daily-reload.ts';
export { WatchdogReload } from './watchdog-reload.ts';
