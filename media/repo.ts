import type { Database } from 'better-sqlite3';
import { MediaInfo, type MediaFile, type MediaType } from '../playlists/index.ts';
import { EXT_OF } from './sniff.ts';

/** A medium as the library keeps it: what the manifest carries, and who uploaded it when. */
export interface MediaRecord {
  info: MediaInfo;
  name: string;
  ownerWard: string | null;
  uploadedBy: number | null;
  createdAt: number;
}

type MediaRow = {
  id: string;
  kind: 'image' | 'video';
  type: string;
  bytes: number;
  width: number;
  height: number;
  duration_ms: number | null;
  name: string;
  owner_ward: string | null;
  uploaded_by: number | null;
  created_at: number;
};
type FileRow = { media_id: string; sha256: string; ext: string; type: string; bytes: number; width: number; height: number };

export const fileUrl = (sha256: string, ext: string) => `/media/${sha256}.${ext}`;
/** Narrowest first, as MediaInfo promises; the smaller file first for equal widths. */
const byWidth = (a: Pick<MediaFile, 'width' | 'bytes' | 'sha256'>, b: Pick<MediaFile, 'width' | 'bytes' | 'sha256'>) => a.width - b.width || a.bytes - b.bytes || (a.sha256 < b.sha256 ? -1 : 1);

const MEDIA_COLUMNS = 'id, kind, type, bytes, width, height, duration_ms, name, owner_ward, uploaded_by, created_at';
const FILE_COLUMNS = 'media_id, sha256, ext, type, bytes, width, height';

/** The `media` and `media_files` tables. */
export class MediaRepo {
  readonly #all;
  readonly #get;
  readonly #allFiles;
  readonly #files;
  readonly #insert;
  readonly #insertFile;
  readonly #delete;
  readonly #fileType;
  readonly #fileUsers;
  readonly #count;
  /** Bumped by every insert and delete of this process (rowids can repeat after a delete). */
  #changes = 0;

  constructor(private readonly db: Database) {
    this.#all = db.prepare<[], MediaRow>(`SELECT ${MEDIA_COLUMNS} FROM media ORDER BY created_at DESC, id`);
    this.#get = db.prepare<[string], MediaRow>(`SELECT ${MEDIA_COLUMNS} FROM media WHERE id = ?`);
    this.#allFiles = db.prepare<[], FileRow>(`SELECT ${FILE_COLUMNS} FROM media_files`);
    this.#files = db.prepare<[string], FileRow>(`SELECT ${FILE_COLUMNS} FROM media_files WHERE media_id = ?`);
    this.#insert = db.prepare(`INSERT INTO media (${MEDIA_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#insertFile = db.prepare(`INSERT INTO media_files (${FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.#delete = db.prepare('DELETE FROM media WHERE id = ?');
    this.#fileType = db.prepare<[string, string], { type: string }>('SELECT type FROM media_files WHERE sha256 = ? AND ext = ? LIMIT 1');
    this.#fileUsers = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM media_files WHERE sha256 = ? AND ext = ?');
    this.#count = db.prepare<[], { n: number; last: number | null }>('SELECT count(*) AS n, max(rowid) AS last FROM media');
  }

  list(): MediaRecord[] {
    const files = new Map<string, FileRow[]>();
    for (const f of this.#allFiles.all()) files.set(f.media_id, [...(files.get(f.media_id) ?? []), f]);
    return this.#all.all().map((row) => toRecord(row, files.get(row.id) ?? []));
  }

  get(id: string): MediaRecord | undefined {
    const row = this.#get.get(id);
    return row && toRecord(row, this.#files.all(id));
  }

  /** The MediaInfo of each id that exists, in the order asked. */
  infos(ids: Iterable<string>): MediaInfo[] {
    const out: MediaInfo[] = [];
    for (const id of ids) {
      const record = this.get(id);
      if (record) out.push(record.info);
    }
    return out;
  }

  insert(record: MediaRecord): void {
    const { info } = record;
    this.db.transaction(() => {
      this.#insert.run(info.id, info.kind, info.type, info.bytes, info.width, info.height, info.durationMs, record.name, record.ownerWard, record.uploadedBy, record.createdAt);
      for (const f of info.files) this.#insertFile.run(info.id, f.sha256, EXT_OF[f.type], f.type, f.bytes, f.width, f.height);
    })();
    this.#changes += 1;
  }

  delete(id: string): boolean {
    this.#changes += 1;
    return this.#delete.run(id).changes === 1;
  }

  /** The type of a stored file, if some medium has it: what `/media/<sha256>.<ext>` may serve. */
  fileType(sha256: string, ext: string): MediaType | undefined {
    return this.#fileType.get(sha256, ext)?.type as MediaType | undefined;
  }

  isFileReferenced(sha256: string, ext: string): boolean {
    return this.#fileUsers.get(sha256, ext)!.n > 0;
  }

  /** A token that changes whenever media are added or removed (manifests cache on it). */
  stamp(): string {
    const row = this.#count.get()!;
    return `${row.n}.${row.last ?? 0}.${this.#changes}`;
  }
}

function toRecord(row: MediaRow, files: FileRow[]): MediaRecord {
  const info = MediaInfo.parse({
    id: row.id,
    kind: row.kind,
    type: row.type,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
    files: files
      .map((f) => ({ url: fileUrl(f.sha256, f.ext), sha256: f.sha256, bytes: f.bytes, type: f.type, width: f.width, height: f.height }))
      .sort(byWidth),
  });
  return { info, name: row.name, ownerWard: row.owner_ward, uploadedBy: row.uploaded_by, createdAt: row.created_at };
}
