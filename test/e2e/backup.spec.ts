import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ContentList, MediaEntry } from '../../playlists/index.ts';
import { picture } from '../../server/testing/media.ts';
import { ADMIN_PASSWORD } from './server.ts';
import { ApiClient } from './api.ts';
import { expect, newPlayer, readyOffline, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

/**
 * Issue 17, item 4: `npm run backup -- DIR` while the server takes writes, `npm run restore --
 * DIR` into a fresh data directory (refused while a server runs on it), and a server started on
 * the restored data has every write acknowledged before the backup began and every medium, and
 * the screen that played before carries on with its content.
 */

/** Runs `npm run backup|restore -- dir` as a user would, on `dataDir`. */
function cli(command: 'backup' | 'restore', dir: string, dataDir: string): Promise<{ code: number; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', command, '--', dir], { env: { ...process.env, BANGTIN_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code: code ?? -1, output, ms: Date.now() - started }));
  });
}

async function uploadPicture(server: BangtinServer, cookie: string, hue: number): Promise<MediaEntry> {
  const res = await fetch(`${server.origin}/api/media`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: server.origin, 'Content-Type': 'application/octet-stream', 'X-Filename': `anh-${hue}.png` },
    body: new Uint8Array(await picture(1600, 900, 'png', hue)),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as MediaEntry;
}

test('a backup taken under write load restores on a fresh data directory, whole, and the screen carries on', async ({ context, problems }) => {
  test.setTimeout(180_000);
  const scratch = mkdtempSync(join(tmpdir(), 'bangtin-backup-e2e-'));
  const first = await BangtinServer.start();
  let second: BangtinServer | null = null;
  try {
    const api = await ApiClient.signIn(first);
    const cookie = (await (await fetch(`${first.origin}/api/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: first.origin }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })).headers.get('set-cookie'))!.split(';')[0]!;
    const media = [await uploadPicture(first, cookie, 20), await uploadPicture(first, cookie, 200)];
    // The city playlist gets the two pictures, published: what the screen plays.
    const playlists = await api.call<{ playlists: { playlist: { id: string; itemIds: string[] } }[]; defaultPlaylistId: string }>('GET', '/api/playlists');
    const city = playlists.playlists.find((p) => p.playlist.id === playlists.defaultPlaylistId)!.playlist;
    const pictures: string[] = [];
    for (const m of media) pictures.push((await api.call<{ item: { id: string } }>('POST', '/api/content', { kind: 'image', theme: 5, durationMs: 4000, media: m.id, fit: 'cover' })).item.id);
    await api.call('PUT', `/api/playlists/${city.id}`, { name: 'Chiến dịch', itemIds: [...pictures, ...city.itemIds] });
    await api.call('POST', '/api/publish');
    const player = await newPlayer(context, first.demoPlayerUrl);
    const bt = player.locator('bt-player');
    await readyOffline(player);
    const version = await bt.getAttribute('data-manifest-version');

    // Write load: slogans saved one after another from four clients until told to stop.
    const acked: { id: string; at: number }[] = [];
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const { item } = await api.call<{ item: { id: string } }>('POST', '/api/content', { kind: 'slogan', theme: 2, durationMs: 5000, text: `Tải ${n}-${i}` });
        acked.push({ id: item.id, at: Date.now() });
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await expect.poll(() => acked.length).toBeGreaterThan(20);
    const backupDir = join(scratch, 'backup');
    const backupStarted = Date.now();
    const backup = await cli('backup', backupDir, first.dataDir);
    const during = acked.length;
    await expect.poll(() => acked.length).toBeGreaterThan(during + 10);
    stop = true;
    await Promise.all(writers);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/^backup: .* files, \d+ bytes, revision \d+, in \d+ ms$/m);

    // Refused while the server runs on the directory.
    const onRunning = await cli('restore', backupDir, first.dataDir);
    expect(onRunning.code).toBe(1);
    expect(onRunning.output).toContain('refused (server_running)');

    // The first server goes; a second takes its address on the restored data.
    problems.allowNetworkErrors = true;
    await first.stop();
    const restoredDir = join(scratch, 'restored');
    const restore = await cli('restore', backupDir, restoredDir);
    expect(restore.code, restore.output).toBe(0);
    console.log(`backup under load: ${backup.ms} ms (${backup.output.trim()}); restore: ${restore.ms} ms (${restore.output.trim().split('\n')[0]})`);
    second = await BangtinServer.start({ dataDir: restoredDir, port: first.port });
    const api2 = await ApiClient.signIn(second);
    const { items } = await api2.call<z.infer<typeof ContentList>>('GET', '/api/content');
    const present = new Set(items.map((e) => e.item.id));
    const before = acked.filter((w) => w.at < backupStarted);
    expect(before.length).toBeGreaterThan(20);
    expect(before.filter((w) => !present.has(w.id))).toEqual([]);
    // Every medium, byte for byte.
    for (const m of media) {
      for (const file of m.files) {
        const bytes = Buffer.from(await (await fetch(`${second.origin}${file.url}`)).arrayBuffer());
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      }
    }
    // The screen reconnects with its token to the restored server and carries on: same content.
    await expect(bt).toHaveAttribute('data-connection', 'online', { timeout: 30_000 });
    problems.allowNetworkErrors = false;
    await expect(bt).toHaveAttribute('data-manifest-version', version!);
    await expect(bt).toHaveAttribute('data-state', 'playing');
  } finally {
    await second?.dispose();
    await first.dispose();
    rmSync(scratch, { recursive: true, force: true });
  }
});
