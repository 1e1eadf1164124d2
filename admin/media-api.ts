import { FILENAME_HEADER, MediaEntry, MediaList, IMAGE_MAX_BYTES, VIDEO_MAX_BYTES, type MediaId } from '../playlists/index.ts';
import { ApiError, call } from './api.ts';

export interface UploadResult {
  entry: MediaEntry;
  /** False when the library already had these bytes. */
  created: boolean;
}

/**
 * Obvious refusals caught before sending a byte (the server checks again, by content):
 * a file larger than any medium may be, or an image larger than images may be.
 */
export function precheck(file: File): ApiError | null {
  if (file.size === 0) return new ApiError(400, 'empty_file', 'empty file');
  const limit = file.type.startsWith('image/') ? IMAGE_MAX_BYTES : VIDEO_MAX_BYTES;
  if (file.size > limit) return new ApiError(413, 'file_too_large', 'file too large');
  return null;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  let body: { error?: { code: string; message: string; issues?: { path: string; message: string }[] } } | null = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    body = null;
  }
  return new ApiError(xhr.status, body?.error?.code ?? (xhr.status === 0 ? 'network' : 'unknown'), body?.error?.message ?? xhr.statusText, body?.error?.issues);
}

/**
 * `POST /api/media` with upload progress: `fetch` reports none, XMLHttpRequest does. The file
 * goes as the raw body; its name, percent-encoded, in X-Filename.
 */
export function uploadMedia(file: File, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const early = precheck(file);
    if (early) return reject(early);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/media');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader(FILENAME_HEADER, encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => onProgress(file.size, file.size);
    xhr.onload = () => {
      if (xhr.status !== 200 && xhr.status !== 201) return reject(errorOf(xhr));
      try {
        resolve({ entry: MediaEntry.parse(JSON.parse(xhr.responseText)), created: xhr.status === 201 });
      } catch {
        reject(new ApiError(xhr.status, 'unknown', 'unexpected response'));
      }
    };
    xhr.onerror = () => reject(errorOf(xhr));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** The media library API, beside `api` (admin/api.ts). */
export const mediaApi = {
  list: () => call('GET', '/api/media', MediaList),
  get: (id: MediaId) => call('GET', `/api/media/${id}`, MediaEntry),
  remove: (id: MediaId) => call('DELETE', `/api/media/${id}`, null),
  upload: uploadMedia,
};
