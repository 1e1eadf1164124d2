// The one place the apps meet: every schema that crosses a boundary, the wire protocol, and
// the pure resolver. Imports nothing but zod.
export * from './time.ts';
export * from './media.ts';
export * from './media-api.ts';
export * from './content.ts';
export * from './countdown.ts';
export * from './playlist.ts';
export * from './manifest.ts';
export * from './schedule.ts';
export * from './screen.ts';
export * from './protocol.ts';
export * from './resolve.ts';
export * from './timeline.ts';
export * from './schedule-api.ts';
export * from './api.ts';
export * from './wards.ts';
export * from './accounts.ts';
export * from './pairing.ts';
export * from './fleet.ts';
