import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import {
  CapAlertList,
  CapFeedSetting,
  CapFeedStatus,
  CapIngestResult,
  CapKeyCreate,
  CapKeyCreated,
  CapKeyList,
  Id,
  toLocalIso,
} from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { CapFeed } from '../cap/feed.ts';
import type { CapIngest, CapSource } from '../cap/ingest.ts';
import { readLimited } from '../cap/limited.ts';
import { CAP_MAX_BYTES } from '../cap/xml.ts';
import type { AlertBroadcasts } from '../publishing/alerts.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import { hashToken, newId, newSecret } from '../ids.ts';
import type { CapAlertRepo } from '../repos/cap-alerts.ts';
import type { CapKeyRecord, CapKeyRepo } from '../repos/cap-keys.ts';
import type { StorageHealth } from '../storage/storage.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter, type Env } from './router.ts';

/**
 * The one route a machine posts to without an Origin: with `Authorization: Bearer <key>` app.ts
 * skips the Origin check for it, and then only the key is looked at, never a session cookie.
 */
export const CAP_PATH = '/api/cap';
export const CAP_TYPES = ['application/cap+xml', 'application/xml'] as const;
/** A CAP source's key: a prefix that says what it is, and 32 random bytes. */
const KEY_PREFIX = 'btcap_';

const Params = z.object({ id: Id });
const at = (ms: number | null) => (ms === null ? null : toLocalIso(ms));
const keyEntry = (k: CapKeyRecord) => ({ id: k.id, name: k.name, createdAt: toLocalIso(k.createdAt), revokedAt: at(k.revokedAt), lastUsedAt: at(k.lastUsedAt) });

/** A key in `Authorization: Bearer …`, or undefined when the request carries none. */
export const bearerOf = (header: string | undefined) => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

/** CAP alerts in: from a signed-in account with `cap_ingest`, a source's key, or the polled feed. */
export function capRoutes(deps: {
  auth: SessionService;
  audit: AuditLog;
  clock: Clock;
  capIngest: CapIngest;
  capAlerts: CapAlertRepo;
  capKeys: CapKeyRepo;
  capFeed: CapFeed;
  broadcasts: Pick<AlertBroadcasts, 'onAir'>;
  storage: Pick<StorageHealth, 'background'>;
}) {
  const app = newRouter();
  const tags = ['cap'];
  const sources = new WeakMap<Request, CapSource>();
  const manage = deps.auth.require('manage_cap_sources');

  /** A key, when the request names one (and then nothing else counts); otherwise a session with `cap_ingest`. */
  const keyOrSession: MiddlewareHandler<Env> = async (c, next) => {
    const key = bearerOf(c.req.header('authorization'));
    if (key === undefined) {
      const session = deps.auth.require('cap_ingest');
      return session(c as never, async () => {
        sources.set(c.req.raw, { kind: 'user', actor: c.get('user'), address: c.get('clientAddress') });
        await next();
      });
    }
    const record = key.startsWith(KEY_PREFIX) && key.length <= 100 ? deps.capKeys.active(hashToken(key)) : undefined;
    if (!record) throw new AppError(401, 'unauthenticated', 'Unknown or revoked CAP key');
    sources.set(c.req.raw, { kind: 'key', keyId: record.id, name: record.name, address: c.get('clientAddress') });
    await next();
  };

  app.openapi(
    createRoute({
      method: 'post', path: CAP_PATH, tags,
      summary: 'Take in one CAP 1.2 alert: checked against the standard, then put on screens, updated, ended or listed',
      description:
        'The body is one `<alert>` in urn:oasis:names:tc:emergency:cap:1.2, UTF-8, at most 256 KB, without a document type. ' +
        'Posted by a signed-in account with the cap_ingest right (same Origin, as every change), or by a machine with ' +
        '`Authorization: Bearer <key>` (no Origin needed). Every alert, taken or refused, is entered in the audit log.',
      security: [{ cookieAuth: [] }, { capKey: [] }],
      middleware: [keyOrSession] as const,
      request: {
        body: {
          content: Object.fromEntries(CAP_TYPES.map((t) => [t, { schema: z.string().openapi({ example: '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">…</alert>' }) }])),
          required: true,
        },
      },
      responses: {
        200: jsonResponse(CapIngestResult, 'Taken: an alert on air updated or ended, listed only, or a duplicate'),
        201: jsonResponse(CapIngestResult, 'Taken and put on screens'),
        ...commonErrors,
        400: errorResponse('cap_malformed_xml (not well-formed), cap_dtd_refused (a DOCTYPE or ENTITY: XXE and entity expansion are refused)'),
        413: errorResponse('payload_too_large'),
        415: errorResponse('unsupported_media_type (send application/cap+xml or application/xml), cap_unsupported_encoding'),
        422: errorResponse('cap_wrong_namespace (not a CAP 1.2 alert), cap_invalid (with issues: missing elements, values, dates)'),
      },
    }),
    async (c) => {
      const source = sources.get(c.req.raw)!;
      let xml: string;
      try {
        const type = (c.req.header('content-type') ?? '').toLowerCase();
        const [mime, ...params] = type.split(';').map((s) => s.trim());
        if (!(CAP_TYPES as readonly string[]).includes(mime ?? '')) {
          throw new AppError(415, 'unsupported_media_type', `Send the alert as ${CAP_TYPES.join(' or ')}`);
        }
        const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
        if (charset && !/^utf-?8$/.test(charset)) throw new AppError(415, 'cap_unsupported_encoding', 'Send UTF-8');
        xml = await readLimited(c.req.raw.body, CAP_MAX_BYTES, c.req.header('content-length'));
      } catch (err) {
        if (err instanceof AppError) deps.capIngest.refuse(err, source);
        throw err;
      }
      const result = deps.capIngest.ingestXml(xml, source);
      // A key's last use is an alert taken with it: a refused one writes nothing but its audit entry.
      if (source.kind === 'key') deps.storage.background('a CAP key\'s last use', () => deps.capKeys.used(source.keyId, deps.clock.now()));
      return c.json(result, result.outcome === 'published' ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/cap/alerts', summary: 'The last 100 CAP alerts taken in, newest first (Test and Exercise ones marked by status)', tags,
      ...guarded(deps.auth.require('cap_ingest')),
      responses: { 200: jsonResponse(CapAlertList, 'Newest first'), ...commonErrors },
    }),
    (c) => {
      const alerts = deps.capAlerts.recent(100).map((a) => ({
        id: a.id, sender: a.sender, identifier: a.identifier, sent: a.sent, status: a.status, msgType: a.msgType, scope: a.scope,
        event: a.event, headline: a.headline, tier: a.tier, outcome: a.outcome, reason: a.reason, wards: a.wards, scheduleId: a.scheduleId,
        onAir: a.scheduleId !== null && deps.broadcasts.onAir(a.scheduleId), source: a.source, receivedAt: toLocalIso(a.receivedAt),
      }));
      return c.json({ alerts }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/cap/keys', summary: 'CAP sources\' keys (never their secrets)', tags,
      ...guarded(manage),
      responses: { 200: jsonResponse(CapKeyList, 'Newest first, revoked ones included'), ...commonErrors },
    }),
    (c) => c.json({ keys: deps.capKeys.list().map(keyEntry) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/cap/keys', summary: 'Create a key for a CAP source; the answer holds its secret, shown only now', tags,
      ...guarded(manage),
      request: jsonBody(CapKeyCreate),
      responses: { 201: jsonResponse(CapKeyCreated, 'The new key and its secret'), ...commonErrors },
    }),
    (c) => {
      const { name } = c.req.valid('json');
      const key = `${KEY_PREFIX}${newSecret(32)}`;
      const id = newId('key');
      const now = deps.clock.now();
      deps.audit.transaction(c, (log) => {
        deps.capKeys.insert(id, name, hashToken(key), now, c.get('user').id);
        log({ action: 'create', objectType: 'cap_key', objectId: id, after: { name } });
      });
      return c.json({ ...keyEntry(deps.capKeys.get(id)!), key }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/cap/keys/{id}', summary: 'Revoke a CAP source\'s key: it is refused from now on', tags,
      ...guarded(manage),
      request: { params: Params },
      responses: { 204: { description: 'Revoked' }, ...commonErrors, 404: errorResponse('cap_key_not_found (or revoked already)') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      deps.audit.transaction(c, (log) => {
        if (!deps.capKeys.revoke(id, deps.clock.now())) throw notFound('cap_key');
        log({ action: 'revoke', objectType: 'cap_key', objectId: id });
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/cap/feed', summary: 'The CAP feed the server polls, and how its last polls went', tags,
      ...guarded(manage),
      responses: { 200: jsonResponse(CapFeedStatus, 'The feed and its state'), ...commonErrors },
    }),
    (c) => c.json(deps.capFeed.status(), 200),
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/cap/feed', summary: 'Set (or, with null, stop) the CAP feed polled every minute: one CAP alert, or an Atom feed of them', tags,
      ...guarded(manage),
      request: jsonBody(CapFeedSetting),
      responses: { 200: jsonResponse(CapFeedStatus, 'The feed and its state'), ...commonErrors },
    }),
    (c) => {
      const { url } = c.req.valid('json');
      const before = deps.capFeed.status().url;
      deps.audit.transaction(c, (log) => {
        deps.capFeed.setUrl(url);
        log({ action: 'update', objectType: 'cap_feed', before: { url: before }, after: { url } });
      });
      return c.json(deps.capFeed.status(), 200);
    },
  );

  return app;
}
