import type { ContentEntry } from '../../playlists/index.ts';
import { ADMIN_PASSWORD, type BangtinServer } from './server.ts';

/** A signed-in API client for setting up a test the way an operator would. */
export class ApiClient {
  private constructor(
    private readonly server: BangtinServer,
    private readonly cookie: string,
  ) {}

  static async signIn(server: BangtinServer, username = 'admin', password = ADMIN_PASSWORD): Promise<ApiClient> {
    const res = await fetch(`${server.origin}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.origin },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return new ApiClient(server, cookie);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.server.origin}${path}`, {
      method,
      headers: { Cookie: this.cookie, Origin: this.server.origin, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  /** Sets every item's duration and publishes, so a test sees a whole rotation quickly. */
  async setAllDurations(durationMs: number): Promise<void> {
    await this.setDurations(() => durationMs);
  }

  /** Sets each item's duration by kind (or anything else about it) and publishes. */
  async setDurations(durationOf: (item: ContentEntry['item']) => number): Promise<void> {
    const { items } = await this.call<{ items: ContentEntry[] }>('GET', '/api/content');
    for (const { item } of items) {
      const { id, ...fields } = item;
      await this.call('PUT', `/api/content/${id}`, { ...fields, durationMs: durationOf(item) });
    }
    await this.call('POST', '/api/publish');
  }
}
