import { generatePassword, hashPassword, verifyPassword } from '../auth/password.ts';
import { DEMO_PLAYLIST_NAME, DEMO_SCREEN, demoPlaylistItems } from './demo-content.ts';
import { seedDemoMedia } from './demo-media/seed.ts';
import { hashToken, newId, newScreenToken } from '../ids.ts';
import type { Services } from '../services.ts';

/**
 * Makes sure user `admin` exists. A password given in the environment is authoritative and
 * need not be changed; a generated one is returned (to print once) and must be changed at
 * first sign-in.
 */
export async function ensureAdmin(s: Services, envPassword: string | undefined): Promise<{ generated: string | null }> {
  const existing = s.users.byUsername('admin');
  if (envPassword) {
    if (!existing) s.users.insert('admin', await hashPassword(envPassword), 'admin', false, s.clock.now());
    else if (!(await verifyPassword(envPassword, existing.passwordHash))) {
      s.users.setPassword(existing.id, await hashPassword(envPassword), false);
    }
    return { generated: null };
  }
  if (existing) return { generated: null };
  const generated = generatePassword();
  s.users.insert('admin', await hashPassword(generated), 'admin', true, s.clock.now());
  return { generated };
}

/**
 * Seeds demo content, a default playlist, a demo screen and revision 1 into an empty database.
 * The demo media go into the library first (deduplicated, so a retry after a failed seed
 * finds them there).
 */
export async function seedDemo(s: Services): Promise<void> {
  if (s.playlists.list().length || s.content.list().length) return;
  const media = await seedDemoMedia(s.media, s.clock.now());
  if (s.playlists.list().length || s.content.list().length) return;
  s.db.transaction(() => {
    const now = s.clock.now();
    const itemIds = demoPlaylistItems(media).map((fields) => {
      const id = newId('c');
      s.content.insert(id, fields, now);
      return id;
    });
    // The demo content is the installation's own: approved, so it goes on air.
    s.reviews.approveAllCity(null, now);
    const playlistId = newId('p');
    s.playlists.insert(playlistId, { name: DEMO_PLAYLIST_NAME, itemIds }, now);
    s.settings.set('default_playlist_id', playlistId);
    const token = newScreenToken();
    s.screens.insert({ id: newId('s'), ...DEMO_SCREEN }, hashToken(token), now);
    // Only the demo screen's token is kept readable, so every start can print its link.
    s.settings.set('demo_screen_token', token);
    s.publisher.publish(null);
  })();
}
