import { z } from 'zod';
import { Id, optionalText, text } from './content.ts';

export const LOCATION_KINDS = [
  'park',
  'station',
  'street',
  'public_transport',
  'ward_office',
  'school',
  'bulletin_board',
] as const;
export const LocationKind = z.enum(LOCATION_KINDS);

/** A screen's own settings, sent to the player in the `screen` message. */
export const ScreenSettings = z.object({
  id: Id,
  name: text(120),
  ward: optionalText(120).nullable(),
  locationKind: LocationKind,
  tags: z.array(text(40)).max(20),
});
export type ScreenSettings = z.infer<typeof ScreenSettings>;
