import { ApprovalQueue, ContentEntry } from '../playlists/index.ts';
import { call } from './api.ts';

const item = (id: string, action: string) => `/api/content/${encodeURIComponent(id)}/${action}`;

/** Approval of city content (server/routes/approvals.ts). */
export const approvalApi = {
  queue: () => call('GET', '/api/approvals', ApprovalQueue),
  submit: (id: string) => call('POST', item(id, 'submit'), ContentEntry),
  approve: (id: string) => call('POST', item(id, 'approve'), ContentEntry),
  reject: (id: string, reason: string) => call('POST', item(id, 'reject'), ContentEntry, { reason }),
  archive: (id: string) => call('POST', item(id, 'archive'), ContentEntry),
  unarchive: (id: string) => call('POST', item(id, 'unarchive'), ContentEntry),
};
