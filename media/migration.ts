/**
 * The media library (issue 3), migration 7 (server/db/migrations/007-media.ts). A medium is
 * its upload (id = sha256 of the bytes); `media_files` lists the original and every derivative,
 * each stored under its own hash. One derivative may be shared by two media (identical pixels
 * after resizing), so a file is deleted only when no row names it any more.
 */
export const MEDIA_MIGRATION = `
  CREATE TABLE media (
    id TEXT PRIMARY KEY CHECK (length(id) = 64),
    kind TEXT NOT NULL CHECK (kind IN ('image', 'video')),
    type TEXT NOT NULL,
    bytes INTEGER NOT NULL CHECK (bytes > 0),
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    duration_ms INTEGER CHECK (duration_ms > 0),
    -- The uploader's file name, sanitised: metadata only, never a path.
    name TEXT NOT NULL,
    -- The uploader's ward (ward operators), or NULL for city staff.
    owner_ward TEXT,
    uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    CHECK ((kind = 'video') = (duration_ms IS NOT NULL))
  ) STRICT;

  CREATE TABLE media_files (
    media_id TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    ext TEXT NOT NULL CHECK (ext IN ('jpg', 'png', 'webp', 'mp4', 'webm')),
    type TEXT NOT NULL,
    bytes INTEGER NOT NULL CHECK (bytes > 0),
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    PRIMARY KEY (media_id, sha256)
  ) STRICT;
  CREATE INDEX media_files_sha256 ON media_files(sha256, ext);
`;
