import { describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT } from './manifest.ts';
import { ClientMessage, PROTOCOL_VERSION, ServerMessage, parseFrame } from './protocol.ts';

const hello = {
  type: 'hello',
  protocol: PROTOCOL_VERSION,
  token: 'tok_0123456789',
  manifestVersion: null,
  playerVersion: '0.1.0',
  viewport: { width: 1920, height: 1080 },
};

const heartbeat = {
  type: 'heartbeat',
  playing: { itemId: 'slogan_1', since: '2026-10-04T08:00:00+07:00' },
  manifestVersion: 'abcdef0123456789',
  uptimeMs: 3_600_000,
};

const manifest = {
  format: MANIFEST_FORMAT,
  revision: 3,
  horizon: { from: '2026-10-04T00:00:00+07:00', until: '2026-10-12T00:00:00+07:00' },
  items: [
    {
      id: 'slogan_1',
      revision: 2,
      kind: 'slogan',
      theme: 3,
      durationMs: 10_000,
      text: 'Học nghề – lập nghiệp',
    },
  ],
  playlists: [{ id: 'main', name: 'Mặc định', itemIds: ['slogan_1'] }],
  schedules: [],
  fallback: { playlistId: 'main' },
  media: [],
  version: '0123456789abcdef',
};

const frame = (value: unknown) => JSON.stringify(value);

describe('parseFrame', () => {
  it('returns null for anything that is not a string', () => {
    for (const data of [undefined, null, 42, hello, new ArrayBuffer(8), Buffer.from(frame(hello))]) {
      expect(parseFrame(ClientMessage, data)).toBeNull();
    }
  });

  it('returns null for malformed JSON', () => {
    for (const data of ['', '{', '{"type":"ack",}', 'ack', frame(hello).slice(0, -1)]) {
      expect(parseFrame(ClientMessage, data), data).toBeNull();
    }
  });

  it('returns null for JSON that is not a message', () => {
    for (const data of ['null', '[]', '"hello"', '{}']) {
      expect(parseFrame(ClientMessage, data), data).toBeNull();
    }
  });

  it('returns null for an unknown type', () => {
    expect(parseFrame(ClientMessage, frame({ type: 'reboot' }))).toBeNull();
    // A server message sent the wrong way is unknown too.
    expect(parseFrame(ClientMessage, frame({ type: 'unchanged', version: 'abc' }))).toBeNull();
  });

  it('returns null for extra fields', () => {
    expect(parseFrame(ClientMessage, frame({ ...hello, admin: true }))).toBeNull();
    expect(parseFrame(ClientMessage, frame({ ...hello, viewport: { width: 1, height: 1, dpr: 2 } }))).toBeNull();
    expect(parseFrame(ClientMessage, frame({ type: 'ack', version: 'abc', extra: 1 }))).toBeNull();
    expect(parseFrame(ClientMessage, frame({ ...heartbeat, cpu: 0.5 }))).toBeNull();
  });

  it('returns null for a field of the wrong shape', () => {
    expect(parseFrame(ClientMessage, frame({ ...hello, token: '' }))).toBeNull();
    expect(parseFrame(ClientMessage, frame({ ...hello, protocol: '1' }))).toBeNull();
    expect(parseFrame(ClientMessage, frame({ ...heartbeat, uptimeMs: -1 }))).toBeNull();
    expect(parseFrame(ClientMessage, frame({ ...heartbeat, playing: { itemId: 'x', since: 'now' } }))).toBeNull();
  });

  it('parses a valid hello', () => {
    expect(parseFrame(ClientMessage, frame(hello))).toEqual(hello);
  });

  it('parses a valid ack', () => {
    expect(parseFrame(ClientMessage, frame({ type: 'ack', version: 'abcdef0123456789' }))).toEqual({
      type: 'ack',
      version: 'abcdef0123456789',
    });
  });

  it('parses a heartbeat with media download progress, and one from a player before it', () => {
    const device = { secureContext: true, cacheBytes: 0, storage: null, memory: null, plays: { queued: 0, dropped: 0 } };
    const media = { version: 'v2', files: 2, filesDone: 1, bytes: 900, bytesDone: 300, error: { reason: 'hash_mismatch', url: '/media/x.webp', status: null } };
    const withMedia = { ...heartbeat, device: { ...device, offlineCache: true, media } };
    expect(parseFrame(ClientMessage, frame(withMedia))).toEqual(withMedia);
    expect(parseFrame(ClientMessage, frame({ ...heartbeat, device }))).toEqual({ ...heartbeat, device });
    expect(parseFrame(ClientMessage, frame({ ...withMedia, device: { ...device, media: { ...media, error: { ...media.error, reason: 'gone' } } } }))).toBeNull();
  });

  it('parses a valid heartbeat, playing or idle', () => {
    expect(parseFrame(ClientMessage, frame(heartbeat))).toEqual(heartbeat);
    const idle = { ...heartbeat, playing: null, manifestVersion: null };
    expect(parseFrame(ClientMessage, frame(idle))).toEqual(idle);
  });
});

describe('ServerMessage', () => {
  it('parses a manifest message with a valid manifest', () => {
    const message = { type: 'manifest', manifest };
    expect(parseFrame(ServerMessage, frame(message))).toEqual(message);
  });

  it('rejects a manifest message whose manifest is invalid', () => {
    const bad = (patch: object) => parseFrame(ServerMessage, frame({ type: 'manifest', manifest: { ...manifest, ...patch } }));
    expect(bad({ version: 'not-a-hash' })).toBeNull();
    expect(bad({ format: 2 })).toBeNull();
    expect(bad({ items: [{ ...manifest.items[0], revision: undefined }] })).toBeNull();
    expect(bad({ fallback: {} })).toBeNull();
  });

  it('parses welcome, unchanged and time', () => {
    const welcome = { type: 'welcome', protocol: PROTOCOL_VERSION, serverTime: '2026-10-04T08:00:00+07:00', heartbeatMs: 30_000 };
    expect(parseFrame(ServerMessage, frame(welcome))).toEqual(welcome);
    expect(parseFrame(ServerMessage, frame({ type: 'unchanged', version: 'abc' }))).toEqual({ type: 'unchanged', version: 'abc' });
    expect(parseFrame(ServerMessage, frame({ type: 'time', serverTime: 'noon' }))).toBeNull();
  });
});
