import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { z } from 'zod';
import { ErrorBody } from '../../playlists/index.ts';
import type { AuthVars } from '../auth/sessions.ts';
import { throwOnInvalid } from '../errors.ts';

/** `clientAddress` is set for every request by app.ts (see client-address.ts). */
export type Env = { Variables: AuthVars & { clientAddress: string; publicOrigin: string } };

/** Every router validates through the project's error, so all errors leave one way. */
export function newRouter() {
  return new OpenAPIHono<Env>({ defaultHook: (result) => throwOnInvalid(result) });
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const err = (description: string) => ({ content: { 'application/json': { schema: ErrorBody } }, description });

/** The errors any signed-in route can answer, documented once. */
export const commonErrors = {
  400: err('Invalid request (code invalid_request or malformed_json)'),
  401: err('No valid session (code unauthenticated)'),
  403: err('Not allowed (forbidden, password_change_required, bad_origin)'),
  507: err("The server's disk is full: nothing was saved (disk_full); 503 storage_read_only on a read-only disk"),
} satisfies RouteConfig['responses'];

export const errorResponse = err;
const cookieAuth = [{ cookieAuth: [] }];

/**
 * A signed-in route's guard, `auth.require(right)` (playlists/permissions.ts), together with the
 * OpenAPI security that documents it: spread into `createRoute`, so neither goes without the other.
 */
export const guarded = <M>(middleware: M) => ({ security: cookieAuth, middleware: [middleware] as [M] });
