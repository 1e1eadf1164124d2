/** Why an upload was refused: an HTTP status and a stable snake_case code (the server maps it to its AppError). */
export class MediaError extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MediaError';
  }
}

/** Segments (JPEG) or chunks (PNG, WebP) a picture may have; real ones have tens to a few thousand. */
export const MAX_IMAGE_PARTS = 100_000;

/** A file built of more parts than any camera or editor writes: refused before it costs seconds (issue 11). */
export const tooComplex = (parts: string, limit: number) =>
  new MediaError(422, 'media_too_complex', `The file is built of more than ${limit.toLocaleString('en')} ${parts}, which no camera or editor writes; export it again`);
