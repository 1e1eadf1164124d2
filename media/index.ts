// The media library (server side): ingest, probing, derivatives, the file store and the
// repository. The server's routes use it; nothing here imports the server.
export { MediaError } from './errors.ts';
export { FILENAME_MAX, parseFilename } from './filename.ts';
export { DERIVATIVE_WIDTHS, MAX_IMAGE_PIXELS } from './images.ts';
export { MediaLibrary, type IngestOptions, type Ingested } from './library.ts';
export { MEDIA_MIGRATION } from './migration.ts';
export { parseRange, type RangeAnswer } from './range.ts';
export { MediaRepo, fileUrl, type MediaRecord } from './repo.ts';
export { EXT_OF, TYPE_OF_EXT } from './sniff.ts';
export { MediaStore, STORED_NAME } from './store.ts';
