import '../playlists/zod-config.ts';
import { z } from 'zod';
import { messages } from './messages/index.ts';

/** What the admin page reads of `/healthz`: degraded comes with its reasons (server/storage.ts). */
const Health = z.object({ status: z.string(), reasons: z.array(z.string()).optional() });

/** How often the dashboard asks whether the server can save. */
export const HEALTH_POLL_MS = 15_000;

/**
 * The banner's text for a `/healthz` answer: null while the server saves normally (or the
 * answer cannot be read: a server that does not answer is the sign-in's and the fleet's to show).
 */
export function storageNotice(body: unknown): string | null {
  const parsed = Health.safeParse(body);
  if (!parsed.success || parsed.data.status !== 'degraded') return null;
  const reasons = parsed.data.reasons ?? [];
  if (reasons.includes('disk_full')) return messages.storage.diskFull;
  if (reasons.includes('storage_read_only')) return messages.storage.readOnly;
  // Saving works; what is published waits for Redis (scale-out, server/bus).
  if (reasons.length && reasons.every((r) => r === 'bus_unreachable')) return messages.storage.busUnreachable;
  return messages.storage.degraded;
}
