import { describe, expect, it } from 'vitest';
import type { ZonePlay } from '../playlists/index.ts';
import { Receipts } from './receipts.ts';
import { DAY_START, slogan } from './test-fixtures.ts';

const play = (tier: ZonePlay['reason']['tier'], scheduleId: string | null): ZonePlay => ({
  item: slogan('e', 30_000),
  playlistId: 'pe',
  since: DAY_START,
  until: DAY_START + 30_000,
  next: { itemId: 'e', at: DAY_START + 30_000 },
  reason: { tier, scheduleId, rule: tier === 'emergency' ? 'emergency_override' : 'fallback_rotation' },
});

describe('Receipts', () => {
  it('[S1] sends shown once when an emergency first appears on screen', () => {
    const sent: unknown[] = [];
    const receipts = new Receipts((m) => sent.push(m) > 0, () => DAY_START + 1_500);
    receipts.showing(play('fallback', null));
    receipts.showing(play('emergency', 'E1'));
    receipts.showing(play('emergency', 'E1'));
    receipts.showing(play('emergency', 'E2'));
    expect(sent).toEqual([
      { type: 'shown', scheduleId: 'E1', at: '2026-10-04T00:00:01+07:00' },
      { type: 'shown', scheduleId: 'E2', at: '2026-10-04T00:00:01+07:00' },
    ]);
  });

  it('keeps a receipt made offline until the connection is back', () => {
    let online = false;
    const sent: unknown[] = [];
    const receipts = new Receipts((m) => online && sent.push(m) > 0, () => DAY_START);
    receipts.showing(play('emergency', 'E1'));
    expect(sent).toEqual([]);
    online = true;
    receipts.flush();
    receipts.flush();
    expect(sent).toHaveLength(1);
  });
});
