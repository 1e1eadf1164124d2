import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Clock } from './clock.ts';
import type { Db } from './db/connection.ts';
import { clientAddress, publicOrigin } from './http/client-address.ts';
import { AppError, errorResponse, throwOnInvalid } from './errors.ts';
import { Fleet } from './fleet/fleet.ts';
import { Hub } from './hub/hub.ts';
import { pageRoutes } from './http/pages.ts';
import { contentRoutes } from './routes/content.ts';
import { approvalRoutes } from './routes/approvals.ts';
import { mediaFileRoutes } from './routes/media-files.ts';
import { MEDIA_UPLOAD_PATH, mediaRoutes } from './routes/media.ts';
import { emergencyRoutes } from './routes/emergencies.ts';
import { fleetRoutes } from './routes/fleet.ts';
import { pairingRoutes } from './routes/pairing.ts';
import { playlistRoutes } from './routes/playlists.ts';
import { publishRoutes } from './routes/publish.ts';
import { revisionDiffRoutes } from './routes/revision-diff.ts';
import { scheduleRoutes } from './routes/schedules.ts';
import { screenRoutes } from './routes/screens.ts';
import { screenFallbackRoutes } from './routes/screen-fallback.ts';
import { screenDetailsRoutes } from './routes/screen-details.ts';
import { screenHoursRoutes } from './routes/screen-hours.ts';
import { screenRetireRoutes } from './routes/screen-retire.ts';
import { screenTokenRoutes } from './routes/screen-tokens.ts';
import { sessionRoutes } from './routes/session.ts';
import { timelineRoutes } from './routes/timeline.ts';
import { userRoutes } from './routes/users.ts';
import { auditRoutes } from './routes/audit.ts';
import { wardRoutes } from './routes/wards.ts';
import { reportRoutes } from './routes/reports.ts';
import { shortLinkRoutes } from './routes/short-links.ts';
import { CAP_PATH, bearerOf, capRoutes } from './routes/cap.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { embedRoutes } from './routes/embed.ts';
import { createReporting, type Reporting } from './reports/index.ts';
import type { Env } from './routes/router.ts';
import { createServices, type Services } from './services.ts';

export const API_BODY_LIMIT = 256 * 1024;
export const SERVER_VERSION = '0.1.0';

export interface AppDeps {
  db: Db;
  clock: Clock;
  hub: Hub;
  services?: Services;
  /** Where `vite build` wrote the pages. */
  distDir: string;
  /** Reverse proxies trusted to name the client in X-Forwarded-For (BANGTIN_TRUST_PROXY). */
  trustedProxies?: number;
  /** The fleet dashboard's judge of screens; main.ts starts its tick (tests drive it by hand). */
  fleet?: Fleet;
  /** Reports: sessions, uptime, periodic reports, QR scans; main.ts starts its jobs. */
  reporting?: Reporting;
  /** Origins whose pages may frame /embed/ (BANGTIN_EMBED_ORIGINS); none by default. */
  embedOrigins?: readonly string[];
  /** The player sockets the player page names (BANGTIN_PLAYER_SOCKETS); none: its own server. */
  playerSockets?: readonly string[];
  /** More reasons /healthz is degraded: `bus_unreachable` while the control server cannot reach Redis (main.ts). */
  healthReasons?: () => string[];
}

/**
 * Builds the hub over the same database; `createApp` and `main.ts` share it. This is where the
 * hub hears of publishing, once: whatever the publisher commits (a publish, a restore, an
 * emergency, the ward share, a screen's fallback) is pushed to the screens it changes.
 */
export function createHub<H extends Hub = Hub>(
  services: Services,
  options: ConstructorParameters<typeof Hub>[1] = {},
  /** The control server on the bus builds its ControlHub here (server/bus/control-hub.ts). */
  make: (services: Services, options: ConstructorParameters<typeof Hub>[1]) => H = (s, o) => new Hub(s, o) as H,
): H {
  const hub = make(services, options);
  services.publisher.onPublished(({ screenIds }) =>
    // On the next turn: the request that published answers before thousands of frames go out.
    hub.afterPublish(() => {
      // A screen whose own record changed (its fallback) is read again, so its audience follows.
      for (const id of screenIds) hub.screenChanged(id);
      hub.pushManifests();
    }),
  );
  return hub;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A media upload: a raw body with its own streamed limit (routes/media.ts), not JSON. */
const isUpload = (c: Context) => c.req.method === 'POST' && c.req.path === MEDIA_UPLOAD_PATH;

/** A CAP alert (routes/cap.ts): XML, read and limited by its route, which audits every refusal. */
const isCapPost = (c: Context) => c.req.method === 'POST' && c.req.path === CAP_PATH;
/**
 * A CAP source's machine posting with its key: no browser sends an Authorization header across
 * origins without a preflight bangtin never grants, and with a key the route reads no cookie.
 */
const isKeyedCapPost = (c: Context) => isCapPost(c) && bearerOf(c.req.header('authorization')) !== undefined;

/** State-changing API requests must come from this server's own pages, as JSON. */
const sameOriginJson: MiddlewareHandler = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    if (c.req.header('origin') !== c.get('publicOrigin') && !isKeyedCapPost(c)) {
      throw new AppError(403, 'bad_origin', 'Cross-origin or origin-less request refused');
    }
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
    if (hasBody && !isUpload(c) && !isCapPost(c) && !/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new AppError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
    }
  }
  await next();
};

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
};

/** The HTTP app. It never listens: `main.ts` does, and tests call `app.request()`. */
export function createApp(deps: AppDeps) {
  const services = deps.services ?? createServices(deps.db, deps.clock);
  const { hub } = deps;
  const fleet = deps.fleet ?? new Fleet({ ...services, hub });
  const reporting = deps.reporting ?? createReporting({ ...services, hub });
  const app = new OpenAPIHono<Env>({ defaultHook: (result) => throwOnInvalid(result) });

  app.onError((err, c) => {
    // A write refused for lack of space marks the server degraded (/healthz, the dashboard's banner).
    services.storage.failed(err);
    return errorResponse(c, err);
  });
  app.use('*', securityHeaders);
  app.use('*', async (c, next) => {
    c.set('clientAddress', clientAddress(c, deps.trustedProxies));
    c.set('publicOrigin', publicOrigin(c, deps.trustedProxies));
    await next();
  });
  const jsonBodyLimit = bodyLimit({
    maxSize: API_BODY_LIMIT,
    onError: () => {
      throw new AppError(413, 'payload_too_large', `Bodies are limited to ${API_BODY_LIMIT} bytes`);
    },
  });
  app.use('/api/*', (c, next) => (isUpload(c) || isCapPost(c) ? next() : jsonBodyLimit(c, next)));
  app.use('/api/*', sameOriginJson);

  app.get('/healthz', (c) => {
    const base = { version: SERVER_VERSION, connectedScreens: hub.connectedCount, revision: services.revisions.latestNumber() };
    const reasons: string[] = [...services.storage.reasons, ...(deps.healthReasons?.() ?? [])];
    // Still 200 when degraded: the server is up and screens are served; `reasons` says what fails.
    return c.json(reasons.length ? { status: 'degraded', reasons, ...base } : { status: 'ok', ...base });
  });

  app.route('/', sessionRoutes(services));
  app.route('/', userRoutes(services));
  app.route('/', wardRoutes(services));
  app.route('/', auditRoutes(services));
  app.route('/', contentRoutes(services));
  app.route('/', approvalRoutes(services));
  app.route('/', mediaRoutes(services));
  app.route('/', mediaFileRoutes(services));
  app.route('/', playlistRoutes(services));
  app.route('/', publishRoutes(services));
  app.route('/', revisionDiffRoutes(services));
  // Before screenRoutes: /api/screens/events must not be taken for a screen id.
  app.route('/', fleetRoutes({ ...services, fleet }));
  app.route('/', screenRoutes({ ...services, hub, fleet }));
  app.route('/', screenFallbackRoutes({ ...services, fleet }));
  app.route('/', screenHoursRoutes({ ...services, hub, fleet }));
  app.route('/', screenDetailsRoutes({ ...services, fleet }));
  app.route('/', screenTokenRoutes({ ...services, hub, fleet }));
  app.route('/', screenRetireRoutes({ ...services, hub, fleet }));
  app.route('/', pairingRoutes({ ...services, fleet }));
  app.route('/', scheduleRoutes(services));
  app.route('/', timelineRoutes(services));
  app.route('/', emergencyRoutes({ ...services, hub }));
  app.route('/', reportRoutes({ ...services, reporting }));
  app.route('/', shortLinkRoutes(reporting));
  app.route('/', capRoutes(services));
  app.route('/', calendarRoutes(services));
  app.route('/', embedRoutes({ ...services, embedOrigins: deps.embedOrigins ?? [] }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'bt_session',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'capKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A CAP source\'s key (POST /api/cap only), created by an admin',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'bangtin API',
      version: SERVER_VERSION,
      description:
        'Control server for bangtin signage. Errors are always {"error":{"code","message","issues"?}}. ' +
        'State-changing requests need an Origin equal to this server\'s origin.',
    },
  });

  // The player WebSocket (/ws/player) is taken on the server's upgrade event: hub/upgrade.ts.
  app.route('/', pageRoutes({ distDir: deps.distDir, embedOrigins: deps.embedOrigins ?? [], playerSockets: deps.playerSockets ?? [] }));
  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return errorResponse(c, new AppError(404, 'not_found', 'No such API route'));
    return c.text('Not found', 404);
  });

  return app;
}
export type App = ReturnType<typeof createApp>;
