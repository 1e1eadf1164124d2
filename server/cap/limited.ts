import { AppError } from '../errors.ts';

/** Refused for its size: 413 `payload_too_large`. */
export const tooLarge = (max: number) => new AppError(413, 'payload_too_large', `CAP documents are limited to ${max} bytes`);

/**
 * Reads a body of at most `max` bytes, as UTF-8 text, stopping (and cancelling the stream) at
 * the first byte over: a declared length over the limit is refused before anything is read.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, max: number, declaredLength?: string | null): Promise<string> {
  if (declaredLength && Number(declaredLength) > max) {
    await body?.cancel().catch(() => undefined);
    throw tooLarge(max);
  }
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const decoded = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoded.decode(Buffer.concat(chunks));
  } catch {
    throw new AppError(400, 'cap_malformed_xml', 'The body is not UTF-8 text');
  }
}
