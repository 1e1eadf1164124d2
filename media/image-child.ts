// The image worker's process (image-worker.ts starts it): runs one picture job at a time and
// answers over IPC. Pixels are decoded here, never in the server, so what a decode allocates
// goes back to the system when this process ends, whatever glibc keeps in its arenas.
import sharp from 'sharp';
import { MediaError } from './errors.ts';
import { runImageJob, type ImageJob } from './image-jobs.ts';

// No cache of decoded images between jobs, and one libvips thread per pipeline: the jobs come
// one at a time, so memory is that of one decode.
sharp.cache(false);
sharp.concurrency(1);

export interface JobMessage {
  id: number;
  job: ImageJob;
}

export type ReplyMessage =
  | { id: number; ok: true; result: Awaited<ReturnType<typeof runImageJob>>; peakBytes: number }
  | { id: number; ok: false; error: { status?: MediaError['status']; code?: string; message: string } };

process.on('message', (message: JobMessage) => {
  runImageJob(message.job).then(
    (result) => process.send?.({ id: message.id, ok: true, result, peakBytes: process.resourceUsage().maxRSS * 1024 } satisfies ReplyMessage),
    (e: unknown) => {
      const error = e instanceof MediaError ? { status: e.status, code: e.code, message: e.message } : { message: e instanceof Error ? e.message : String(e) };
      process.send?.({ id: message.id, ok: false, error } satisfies ReplyMessage);
    },
  );
});
// The server went away (or let this process go): end with it.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
