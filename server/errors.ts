import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ErrorBody } from '../playlists/index.ts';
import { storageProblemOf, type StorageProblem } from './storage/storage.ts';

type Issue = { path: string; message: string };

/** The one exception type: an HTTP status and a stable snake_case code the UIs translate. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, `${what}_not_found`, `${what.replace(/_/g, ' ')} not found`);

/** A write refused for lack of space (507) or a read-only disk (503); nothing of it was kept. */
export function storageError(problem: StorageProblem): AppError {
  return problem === 'disk_full'
    ? new AppError(507, 'disk_full', "The server's disk is full: nothing was saved. Screens keep playing; try again once space is freed")
    : new AppError(503, 'storage_read_only', "The server's disk is read-only: nothing was saved. Screens keep playing");
}

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function validationError(error: z.ZodError): AppError {
  return new AppError(400, 'invalid_request', 'The request does not match the schema', issuesOf(error));
}

/** `OpenAPIHono`'s defaultHook: route validation failures go through `onError` like everything else. */
export function throwOnInvalid(result: { success: boolean; error?: unknown }): void {
  if (!result.success) throw validationError(result.error as z.ZodError);
}

const carriesBody = (c: Context) => Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;

export function errorResponse(c: Context, err: Error): Response {
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    // Hono and zod-openapi throw these themselves (zod-openapi answers 415 to a non-JSON
    // Content-Type that `sameOriginJson` let through because the body was empty).
    const code =
      status === 413 ? 'payload_too_large'
      : status === 415 ? 'unsupported_media_type'
      : status === 400 ? 'malformed_json'
      : status === 401 ? 'unauthorized'
      : 'http_error';
    appError = new AppError(status, code, err.message || 'Request failed');
  } else if (storageProblemOf(err)) {
    appError = storageError(storageProblemOf(err)!);
  } else {
    console.error('unhandled error', err);
    appError = new AppError(500, 'internal_error', 'Internal server error');
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.issues) body.error.issues = appError.issues;
  // A refused body may be still on its way (an oversized JSON body, an upload refused after its
  // first bytes), and the listener drops the socket rather than read much of it: say so, or a
  // pooling client sends its next request into a closing socket (issue 11).
  if (carriesBody(c)) c.header('Connection', 'close');
  return c.json(body, appError.status);
}
