import '../playlists/zod-config.ts';
import type { z } from 'zod';
import {
  ContentEntry,
  ContentList,
  Pending,
  PlaylistEntry,
  PlaylistList,
  PublishResult,
  RevisionPage,
  CommandSent,
  PairingClaim,
  PairingClaimed,
  type CommandAction,
  ScreenCreate,
  ScreenCreated,
  ScreenTokenIssued,
  SCREEN_PAGE_MAX,
  type ScreenStateFilter,
  ScreenList,
  ScreenStatus,
  type ScreenLayout,
  SessionInfo,
  SessionState,
  type ContentFields,
  type PlaylistFields,
} from '../playlists/index.ts';
import { Id } from '../playlists/index.ts';
import { AuditPage, UserAccount, UserList, WardImportResult, WardList, type UserCreate, type UserUpdate } from '../playlists/index.ts';

/** An API error with its stable code (translated by messages.errorText). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export async function call<T extends z.ZodType>(method: string, path: string, schema: T | null, body?: unknown): Promise<z.infer<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { error?: { code: string; message: string; issues?: [] } } | null;
    throw new ApiError(res.status, err?.error?.code ?? 'unknown', err?.error?.message ?? res.statusText, err?.error?.issues);
  }
  if (!schema || res.status === 204) return undefined as z.infer<T>;
  return schema.parse(await res.json());
}

/** `GET /api/screens`'s parameters, as the dashboard sends them (empty ones are left out). */
export interface ScreenListQuery {
  offset?: number;
  limit?: number;
  q?: string;
  ward?: string;
  kind?: string;
  status?: ScreenStateFilter;
}

function queryString(query: ScreenListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const PlaylistsWithDefault = PlaylistList.extend({ defaultPlaylistId: Id.nullable() });

export const api = {
  session: async () => (await call('GET', '/api/session', SessionState)).session,
  signIn: (username: string, password: string) => call('POST', '/api/session', SessionInfo, { username, password }),
  signOut: () => call('DELETE', '/api/session', null),
  changePassword: (currentPassword: string, newPassword: string) =>
    call('PUT', '/api/session/password', SessionInfo, { currentPassword, newPassword }),
  signOutEverywhere: () => call('DELETE', '/api/sessions', null),
  users: () => call('GET', '/api/users', UserList),
  createUser: (fields: UserCreate) => call('POST', '/api/users', UserAccount, fields),
  updateUser: (id: number, changes: UserUpdate) => call('PATCH', `/api/users/${id}`, UserAccount, changes),
  resetPassword: (id: number, password: string) => call('PUT', `/api/users/${id}/password`, UserAccount, { password }),
  wards: () => call('GET', '/api/wards', WardList),
  importWards: (csv: string) => call('POST', '/api/wards/import', WardImportResult, { csv }),
  /** `query` holds the filters (userId, wardCode, objectType, objectId, from, to) and `before`. */
  audit: (query: URLSearchParams) => call('GET', `/api/audit?${query}`, AuditPage),
  content: () => call('GET', '/api/content', ContentList),
  createItem: (fields: ContentFields) => call('POST', '/api/content', ContentEntry, fields),
  saveItem: (id: string, fields: ContentFields) => call('PUT', `/api/content/${id}`, ContentEntry, fields),
  deleteItem: (id: string) => call('DELETE', `/api/content/${id}`, null),
  playlists: () => call('GET', '/api/playlists', PlaylistsWithDefault),
  savePlaylist: (id: string, fields: PlaylistFields) => call('PUT', `/api/playlists/${id}`, PlaylistEntry, fields),
  createPlaylist: (fields: PlaylistFields) => call('POST', '/api/playlists', PlaylistEntry, fields),
  copyPlaylist: (id: string, name: string) => call('POST', `/api/playlists/${id}/copy`, PlaylistEntry, { name }),
  deletePlaylist: (id: string) => call('DELETE', `/api/playlists/${id}`, null),
  pending: () => call('GET', '/api/publish', Pending),
  publish: () => call('POST', '/api/publish', PublishResult),
  revisions: (before?: number) => call('GET', `/api/revisions${before === undefined ? '' : `?before=${before}`}`, RevisionPage),
  restore: (n: number) => call('POST', `/api/revisions/${n}/restore`, PublishResult),
  /** One page of the fleet (the dashboard): filters and paging run on the server. */
  screens: (query: ScreenListQuery = {}) => call('GET', `/api/screens${queryString(query)}`, ScreenList),
  /** Every screen the user sees, page by page (for views that need them all: names, sizes, reach). */
  allScreens: async (): Promise<{ screens: ScreenStatus[] }> => {
    const byId = new Map<string, ScreenStatus>();
    for (let offset = 0; ; offset += SCREEN_PAGE_MAX) {
      const page = await api.screens({ offset, limit: SCREEN_PAGE_MAX });
      for (const s of page.screens) byId.set(s.id, s);
      if (offset + SCREEN_PAGE_MAX >= page.total) return { screens: [...byId.values()] };
    }
  },
  createScreen: (fields: z.input<typeof ScreenCreate>) => call('POST', '/api/screens', ScreenCreated, fields),
  claimPairing: (fields: z.input<typeof PairingClaim>) => call('POST', '/api/pairing/claim', PairingClaimed, fields),
  sendCommand: (screenId: string, action: CommandAction) => call('POST', `/api/screens/${encodeURIComponent(screenId)}/commands`, CommandSent, { action }),
  rotateToken: (screenId: string) => call('POST', `/api/screens/${encodeURIComponent(screenId)}/token`, ScreenTokenIssued),
  revokeToken: (screenId: string) => call('DELETE', `/api/screens/${encodeURIComponent(screenId)}/token`, null),
  setLayout: (screenId: string, layout: ScreenLayout) => call('PUT', `/api/screens/${encodeURIComponent(screenId)}/layout`, ScreenStatus, layout),
};
