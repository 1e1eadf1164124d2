import { ApprovalQueue, ContentEntry } from '../playlists/index.ts';
import { call } from './api.ts';

const item = (id: string, action: string) => `/api/content/${encodeURIComponent(id)}/${action}`;

/** Approval of city content (server/routes/approvals.ts). */
export const approvalApi = {
  queue: () => call('GET', '/api/approvals', ApprovalQueue),
  submit: (id: string) => call('POST', item(id, 'submit'), ContentEntry),
  /** `version`: the submission the approver saw (ApprovalEntry.version); a newer one answers 409 submission_changed. */
  approve: (id: string, version: string) => call('POST', item(id, 'approve'), ContentEntry, { version }),
  reject: (id: string, version: string, reason: string) => call('POST', item(id, 'reject'), ContentEntry, { reason, version }),
  archive: (id: string) => call('POST', item(id, 'archive'), ContentEntry),
  unarchive: (id: string) => call('POST', item(id, 'unarchive'), ContentEntry),
};
