import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { MediaEntry, MediaId, MediaList, toLocalIso } from '../../playlists/index.ts';
import { MediaError, parseFilename, type MediaLibrary, type MediaRecord } from '../../media/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import { scopeOf, type WardScope } from '../auth/ward-scope.ts';
import { MediaUsage } from '../content/media-usage.ts';
import type { ContentRepo } from '../repos/content.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import { commonErrors, errorResponse, guarded, jsonResponse, newRouter } from './router.ts';

/** The one mutating /api route whose body is not JSON (app.ts lets it through, still Origin-checked). */
export const MEDIA_UPLOAD_PATH = '/api/media';

const Params = z.object({ id: MediaId });
const UploadHeaders = z.object({
  'x-filename': z.string().optional().openapi({
    description: 'The original file name, percent-encoded UTF-8 (kept as metadata only). Refused (bad_filename) with a path, control characters or over 200 characters.',
    example: '%E1%BA%A2nh%20t%E1%BB%91t%20nghi%E1%BB%87p.jpg',
  }),
});

const summary = ({ info, name }: MediaRecord) => ({
  name, kind: info.kind, type: info.type, bytes: info.bytes, width: info.width, height: info.height, durationMs: info.durationMs,
});

export function mediaRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  media: MediaLibrary;
  content: ContentRepo;
  revisions: RevisionRepo;
  audit: AuditLog;
}) {
  const app = newRouter();
  const read = deps.auth.require('any');
  const write = deps.auth.require('upload_media');
  const tags = ['media'];
  const usage = () => {
    const { snapshot } = deps.revisions.latest();
    return new MediaUsage(deps.content.list(), snapshot.items, snapshot.owners?.items);
  };
  /** A medium as `scope` may see it: other wards' and the city's unpublished uses are only counted. */
  const entry = (record: MediaRecord, uses: MediaUsage | null, scope: WardScope): MediaEntry => ({
    ...record.info,
    name: record.name,
    createdAt: toLocalIso(record.createdAt),
    ownerWard: record.ownerWard,
    ...(uses ? uses.scoped(record.info.id, scope) : { usedBy: [], otherUses: 0 }),
  });

  app.openapi(
    createRoute({
      method: 'get', path: '/api/media', summary: 'The media library, newest first, with the items using each medium', tags,
      ...guarded(read),
      responses: { 200: jsonResponse(MediaList, 'Every medium'), ...commonErrors },
    }),
    (c) => {
      const uses = usage();
      const scope = scopeOf(c);
      return c.json({ media: deps.media.repo.list().map((r) => entry(r, uses, scope)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: MEDIA_UPLOAD_PATH, tags,
      summary: 'Upload an image (JPEG, PNG, WebP; 25 MB) or a video (MP4/H.264, WebM; 200 MB)',
      description:
        'The body is the file itself (application/octet-stream), streamed: its type is read from its bytes, never its name. ' +
        'The same bytes uploaded again answer 200 with the medium already stored. Images get WebP copies at widths 192–3840 narrower than the original.',
      ...guarded(write),
      request: {
        headers: UploadHeaders,
        body: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
      },
      responses: {
        200: jsonResponse(MediaEntry, 'The same bytes were already stored: the existing medium'),
        201: jsonResponse(MediaEntry, 'Stored'),
        ...commonErrors,
        400: errorResponse('bad_filename, empty_file, upload_incomplete, invalid_request'),
        413: errorResponse('file_too_large: over the limit for its type (cut off while streaming)'),
        415: errorResponse('unsupported_file_type (the bytes are no accepted type), unsupported_media_type (send application/octet-stream)'),
        422: errorResponse('corrupt_image, image_too_large, corrupt_video, video_duration_unknown, no_video_track, unsupported_video_codec, media_too_complex (millions of tiny boxes or segments: refused before they stall the server)'),
      },
    }),
    async (c) => {
      if (!/^application\/octet-stream\b/i.test(c.req.header('content-type') ?? '')) {
        throw new AppError(415, 'unsupported_media_type', 'Send the file itself as application/octet-stream');
      }
      const user = c.get('user');
      const declared = Number(c.req.header('content-length'));
      try {
        const name = parseFilename(c.req.valid('header')['x-filename']);
        const body = c.req.raw.body;
        if (!body) throw new MediaError(400, 'empty_file', 'The upload is empty');
        const ownerWard = scopeOf(c).owner;
        const { record, created } = await deps.media.ingest(
          body,
          { name, declaredBytes: Number.isSafeInteger(declared) ? declared : null, ownerWard, uploadedBy: user.id, now: deps.clock.now() },
          (r) =>
            deps.audit.transaction(c, (log) => {
              deps.media.repo.insert(r);
              log({ action: 'create', objectType: 'media', objectId: r.info.id, wardCode: r.ownerWard, after: summary(r) });
            }),
        );
        return c.json(entry(record, created ? null : usage(), scopeOf(c)), created ? 201 : 200);
      } catch (e) {
        if (e instanceof MediaError) throw new AppError(e.status, e.code, e.message);
        throw e;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/media/{id}', summary: 'One medium', tags,
      ...guarded(read),
      request: { params: Params },
      responses: { 200: jsonResponse(MediaEntry, 'The medium'), ...commonErrors, 404: errorResponse('media_not_found') },
    }),
    (c) => {
      const record = deps.media.repo.get(c.req.valid('param').id);
      if (!record) throw notFound('media');
      return c.json(entry(record, usage(), scopeOf(c)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/media/{id}', summary: 'Delete an unused medium and its files', tags,
      ...guarded(write),
      request: { params: Params },
      responses: {
        204: { description: 'Deleted, files too' },
        ...commonErrors,
        404: errorResponse('media_not_found'),
        409: errorResponse('media_in_use: draft or published items show it (issues name each item the user may read: path items.<id>; the others are counted: path otherUses)'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const removed = await deps.media.remove(id, (record) => {
        if (!scopeOf(c).sees(record.ownerWard)) {
          throw new AppError(403, 'forbidden', 'A ward operator deletes only media uploaded for their own ward');
        }
        const uses = usage();
        // Every use blocks the delete; the error names only those the user may read (issue 11).
        if (uses.all(id).length) {
          const { usedBy, otherUses } = uses.scoped(id, scopeOf(c));
          throw new AppError(409, 'media_in_use', 'Items still show this medium: change or delete them first', [
            ...usedBy.map((u) => ({
              path: `items.${u.itemId}`,
              message: `${u.kind}${u.label ? ` "${u.label}"` : ''} (${[u.draft && 'draft', u.published && 'published'].filter(Boolean).join(', ')})`,
            })),
            ...(otherUses ? [{ path: 'otherUses', message: otherUses === 1 ? '1 item of another ward or the city' : `${otherUses} items of other wards or the city` }] : []),
          ]);
        }
        deps.audit.transaction(c, (log) => {
          deps.media.repo.delete(id);
          log({ action: 'delete', objectType: 'media', objectId: id, wardCode: record.ownerWard, before: summary(record) });
        });
      });
      if (!removed) throw notFound('media');
      return c.body(null, 204);
    },
  );

  return app;
}
