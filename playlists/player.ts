// What the player needs from the shared schemas: its wire protocol, the manifest and the pure
// resolver. The player imports this, not index.ts, so the admin's request and response
// schemas stay out of the JavaScript a screen boots with (scripts/check-size.mjs).
export * from './time.ts';
export * from './media.ts';
export * from './content.ts';
export * from './countdown.ts';
export * from './playlist.ts';
export * from './manifest.ts';
export * from './schedule.ts';
export * from './screen.ts';
export * from './operating-hours.ts';
export * from './protocol.ts';
export * from './resolve.ts';
export * from './pairing.ts';
