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
