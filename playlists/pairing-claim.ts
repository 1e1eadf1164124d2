import './zod-config.ts';
import { z } from 'zod';
import { PairingCode, ScreenSettings } from './classic.ts';
import { ScreenCreate } from './api.ts';

// The admin's side of pairing, apart from the player's (pairing.ts): it names the screen the
// way POST /api/screens does, a schema the player never needs to carry.

/** An operator claims a code and names the screen it pairs (as in `POST /api/screens`). */
export const PairingClaim = ScreenCreate.extend({ code: PairingCode });
export type PairingClaim = z.infer<typeof PairingClaim>;
export const PairingClaimed = z.object({ screen: ScreenSettings });
