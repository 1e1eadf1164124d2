// The one place the apps meet: every schema that crosses a boundary, the wire protocol, and
// the pure resolver. Imports nothing but zod.
export * from './player.ts';
export * from './media-api.ts';
export * from './timeline.ts';
export * from './schedule-api.ts';
export * from './api.ts';
export * from './revision-diff.ts';
export * from './wards.ts';
export * from './accounts.ts';
export * from './review.ts';
export * from './permissions.ts';
export * from './pairing-claim.ts';
export * from './interop.ts';
