// The one place the apps meet: every schema that crosses a boundary, the wire protocol, and
// the pure resolver. Imports nothing but zod. The server and the admin page get the shared
// schemas as classic zod (classic.ts, made from the player's zod/mini ones) with the API's own.
export * from './classic.ts';
export * from './patching.ts';
export * from './fleet.ts';
export * from './media-api.ts';
export * from './timeline.ts';
export * from './schedule-api.ts';
export * from './api.ts';
export * from './revision-diff.ts';
export * from './ward-api.ts';
export * from './accounts.ts';
export * from './review.ts';
export * from './permissions.ts';
export * from './pairing-claim.ts';
export * from './interop.ts';
