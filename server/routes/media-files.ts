import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { STORED_NAME, parseRange, type MediaLibrary } from '../../media/index.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

const body = (path: string, start: number, end: number) =>
  Readable.toWeb(createReadStream(path, { start, end })) as unknown as ReadableStream<Uint8Array>;

/**
 * `GET /media/<sha256>.<ext>`: the library's files, public (players fetch them without a
 * session) and immutable (a name is its content's hash). Only files some medium lists are
 * served. Byte ranges, so a video can be played from anywhere and resumed.
 */
export function mediaFileRoutes(deps: { media: MediaLibrary }) {
  const app = new OpenAPIHono();
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/media/{file}',
    tags: ['media'],
    summary: 'A stored file of the media library (public, immutable, byte ranges)',
    description:
      'The original or a derivative, named `<sha256>.<ext>` as MediaInfo.files[].url says. No session needed. ' +
      `Cache-Control: ${IMMUTABLE}; ETag is the quoted sha256 (If-None-Match → 304); Range: bytes=… → 206, past the end → 416; If-Range honoured.`,
    request: {
      params: z.object({ file: z.string().regex(STORED_NAME).openapi({ example: `${'0'.repeat(64)}.webp` }) }),
      headers: z.object({ range: z.string().optional().openapi({ example: 'bytes=0-1023' }) }),
    },
    responses: {
      200: { description: 'The whole file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
      206: { description: 'The requested byte range (Content-Range)' },
      304: { description: 'Not modified (If-None-Match)' },
      404: { description: 'No medium lists this file' },
      416: { description: 'Range not satisfiable (Content-Range: bytes */size)' },
    },
  });
  app.get('/media/:file', async (c: Context) => {
    const name = STORED_NAME.exec(c.req.param('file') ?? '');
    const type = name && deps.media.repo.fileType(name[1]!, name[2]!);
    if (!name || !type) return c.text('Not found', 404);
    const path = deps.media.store.pathOf(name[1]!, name[2]!);
    const size = await stat(path).then((s) => s.size, () => null);
    if (size === null) return c.text('Not found', 404);

    const etag = `"${name[1]}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', IMMUTABLE);
    c.header('Accept-Ranges', 'bytes');
    c.header('Content-Type', type);
    // Never a document: nothing served here may run script even if opened directly.
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    const match = c.req.header('if-none-match');
    if (match && (match.trim() === '*' || match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))) return c.body(null, 304);

    const ifRange = c.req.header('if-range');
    const range = ifRange && ifRange.trim() !== etag ? ({ kind: 'full' } as const) : parseRange(c.req.header('range'), size);
    const head = c.req.method === 'HEAD';
    if (range.kind === 'unsatisfiable') {
      c.header('Content-Range', `bytes */${size}`);
      return c.body(null, 416);
    }
    if (range.kind === 'partial') {
      c.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      c.header('Content-Length', String(range.end - range.start + 1));
      if (head) return c.body(null, 206);
      return c.body(body(path, range.start, range.end), 206);
    }
    c.header('Content-Length', String(size));
    if (head) return c.body(null, 200);
    return c.body(body(path, 0, size - 1), 200);
  });
  return app;
}
