import { describe, expect, it } from 'vitest';
import { messages } from './messages/index.ts';
import { storageNotice } from './storage-notice.ts';

describe('storageNotice', () => {
  it('says nothing while the server saves normally', () => {
    expect(storageNotice({ status: 'ok', version: '0.1.0', connectedScreens: 3, revision: 7 })).toBeNull();
  });

  it('names a full disk and a read-only one', () => {
    expect(storageNotice({ status: 'degraded', reasons: ['disk_full'], version: '0.1.0' })).toBe(messages.storage.diskFull);
    expect(storageNotice({ status: 'degraded', reasons: ['storage_read_only'] })).toBe(messages.storage.readOnly);
    expect(storageNotice({ status: 'degraded', reasons: ['something_new'] })).toBe(messages.storage.degraded);
  });

  it('says nothing for an answer it cannot read', () => {
    expect(storageNotice(null)).toBeNull();
    expect(storageNotice('<html>')).toBeNull();
  });
});
