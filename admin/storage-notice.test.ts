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

  it('says that publishing does not reach screens while the control server cannot reach Redis', () => {
    expect(storageNotice({ status: 'degraded', reasons: ['bus_unreachable'] })).toBe(messages.storage.busUnreachable);
    expect(storageNotice({ status: 'degraded', reasons: ['bus_unreachable', 'disk_full'] })).toBe(messages.storage.diskFull);
  });

  it('says nothing for an answer it cannot read', () => {
    expect(storageNotice(null)).toBeNull();
    expect(storageNotice('<html>')).toBeNull();
  });
});
