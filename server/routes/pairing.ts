import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  PAIRING_SECRET_HEADER,
  PairingClaim,
  PairingClaimed,
  PairingRequest,
  PairingStarted,
  PairingState,
} from '../../playlists/index.ts';
import type { SessionService } from '../auth/sessions.ts';
import { addressKey, clientAddress } from '../http/client-address.ts';
import type { AuditLog } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import type { Fleet } from '../fleet/fleet.ts';
import type { WardRepo } from '../repos/wards.ts';
import { Throttled, type PairingService } from '../pairing/pairing.ts';
import { commonErrors, type Env, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

/** Who is asking, as the throttles count it (an IPv6 client by its /64). */
function addressOf(c: Context<Env>): string {
  return `address:${addressKey(c.get('clientAddress') ?? clientAddress(c))}`;
}

/** Runs `fn`, turning a throttle refusal into its 429 with `Retry-After`. */
function throttled<T>(c: Context, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Throttled) c.header('Retry-After', String(Math.max(1, err.retryAfterS)));
    throw err;
  }
}

const PairingParams = z.object({ pairingId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const SecretHeader = z.object({ [PAIRING_SECRET_HEADER.toLowerCase()]: z.string().min(1).max(100) });

/**
 * `/api/pairing`: a player without a token starts a pairing and polls it (anonymous; a player
 * page is same-origin, so its POST carries Origin like any other); an admin claims the code.
 */
export function pairingRoutes(deps: { auth: SessionService; pairing: PairingService; wards: WardRepo; audit: AuditLog; fleet: Fleet }) {
  const app = newRouter();
  const tags = ['pairing'];

  app.openapi(
    createRoute({
      method: 'post', path: '/api/pairing', tags,
      summary: 'Start pairing a player that has no token: a code to show and a secret to poll with (anonymous)',
      request: jsonBody(PairingRequest),
      responses: {
        201: jsonResponse(PairingStarted, 'A new code, valid for 10 minutes'),
        400: commonErrors[400],
        403: errorResponse('Missing or foreign Origin (bad_origin)'),
        429: errorResponse('Too many codes requested or waiting from this address or network, or from everyone (too_many_pairings); see Retry-After'),
      },
    }),
    (c) => c.json(throttled(c, () => deps.pairing.start(c.req.valid('json'), c.get('clientAddress') ?? clientAddress(c))), 201),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/pairing/claim', tags,
      summary: 'Pair the screen showing a code: creates the screen and hands its token to that player (admin)',
      ...guarded(deps.auth.require('manage_screens')),
      request: jsonBody(PairingClaim),
      responses: {
        201: jsonResponse(PairingClaimed, 'Paired; the player starts playing within seconds'),
        ...commonErrors,
        404: errorResponse('No screen shows this code (pairing_code_not_found)'),
        409: errorResponse('The code was used already (pairing_already_claimed)'),
        422: errorResponse('No ward has that wardCode (unknown_ward)'),
        410: errorResponse('The code expired (pairing_expired)'),
        429: errorResponse('Too many wrong codes from this address or session (too_many_attempts); see Retry-After'),
      },
    }),
    (c) => {
      const body = c.req.valid('json');
      // The ward is checked as POST /api/screens checks it; a wrong one is no wrong code.
      const ward = body.wardCode ? deps.wards.get(body.wardCode) : null;
      if (body.wardCode && !ward) {
        throw new AppError(422, 'unknown_ward', 'No ward has that code', [{ path: 'wardCode', message: `no ward ${body.wardCode}` }]);
      }
      const keys = [addressOf(c), `session:${c.get('sessionHash')}`];
      const claim = { ...body, ward: body.ward ?? ward?.name ?? null, wardCode: ward?.code ?? null };
      const screen = throttled(c, () =>
        deps.audit.transaction(c, (log) =>
          deps.pairing.claim(claim, keys, (created) =>
            log({ action: 'pair', objectType: 'screen', objectId: created.id, wardCode: created.wardCode, after: created }),
          ),
        ),
      );
      deps.fleet.changed(screen.id);
      const { wardCode: _, ...settings } = screen;
      return c.json({ screen: settings }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/pairing/{pairingId}', tags,
      summary: `Poll a pairing with its secret in ${PAIRING_SECRET_HEADER}; once paired, the token is handed over once (anonymous)`,
      request: { params: PairingParams, headers: SecretHeader },
      responses: {
        200: jsonResponse(PairingState, 'Pending, or paired with the screen token'),
        400: commonErrors[400],
        404: errorResponse('Unknown pairing, wrong secret, or token already collected (pairing_not_found)'),
        410: errorResponse('The code expired: start again (pairing_expired)'),
      },
    }),
    (c) => {
      const secret = c.req.header(PAIRING_SECRET_HEADER);
      if (!secret) throw new AppError(400, 'invalid_request', `${PAIRING_SECRET_HEADER} is required`);
      c.header('Cache-Control', 'no-store');
      return c.json(deps.pairing.poll(c.req.valid('param').pairingId, secret), 200);
    },
  );

  return app;
}
