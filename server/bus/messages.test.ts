import { describe, expect, it, vi } from 'vitest';
import { Announce, Snapshot, parseBus } from './messages.ts';

const announce = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ v: 1, type: 'published', epoch: 'e1', seq: 2, revision: 3, audiences: { a1: 'v1', '': 'v0' }, gone: [], screens: { s1: 'a1', s2: null }, at: 1, ...over });

describe('bus messages: the published state’s records', () => {
  it('takes screens and audiences as z.record did, nulls for screens that left', () => {
    const entry = parseBus(Announce, announce(), 'announce entry');
    expect(entry?.screens).toEqual({ s1: 'a1', s2: null });
    expect(entry?.audiences).toEqual({ a1: 'v1', '': 'v0' });
    const snapshot = parseBus(Snapshot, JSON.stringify({ v: 1, epoch: 'e1', seq: 1, revision: 0, audiences: { a1: 'v1' }, screens: { s1: 'a1' } }), 'snapshot');
    expect(snapshot?.screens).toEqual({ s1: 'a1' });
  });

  it('logs and skips a record that breaks its bounds', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const bad = [
        { screens: { s1: 7 } },
        { screens: { ['x'.repeat(129)]: 'a1' } },
        { screens: { '': 'a1' } },
        { screens: ['a1'] },
        { screens: null },
        { screens: { s1: 'a'.repeat(4097) } },
        { audiences: { a1: null } },
        { audiences: { a1: '' } },
        { audiences: { a1: 'v'.repeat(129) } },
      ];
      for (const over of bad) expect(parseBus(Announce, announce(over), 'announce entry'), JSON.stringify(over).slice(0, 60)).toBeNull();
      expect(parseBus(Snapshot, JSON.stringify({ v: 1, epoch: 'e1', seq: 1, revision: 0, audiences: {}, screens: { s1: null } }), 'snapshot')).toBeNull();
      expect(warn).toHaveBeenCalledTimes(bad.length + 1);
      expect(String(warn.mock.calls[0]![0])).toContain('malformed announce entry: screens:');
    } finally {
      warn.mockRestore();
    }
  });

  it('reads an announce naming 20,000 screens (an emergency moves them all) in one loop', () => {
    const screens: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) screens[`scr_${i}`] = `aud${i % 40}`;
    const entry = parseBus(Announce, announce({ screens }), 'announce entry');
    expect(Object.keys(entry!.screens)).toHaveLength(20_000);
    expect(entry!.screens).toBe(entry!.screens); // the parsed object itself, not a copy per entry
  });
});
