import { describe, expect, it } from 'vitest';
import { firstSocket, socketUrls } from './sockets.ts';

describe('socketUrls', () => {
  it('uses the sockets the page names, in their order', () => {
    expect(socketUrls('ws://10.0.0.11:8081/ws/player ws://10.0.0.12:8081/ws/player', { protocol: 'http:', host: 'box' })).toEqual([
      'ws://10.0.0.11:8081/ws/player',
      'ws://10.0.0.12:8081/ws/player',
    ]);
  });

  it("uses the page's own server when none is named", () => {
    expect(socketUrls(null, { protocol: 'http:', host: '127.0.0.1:8080' })).toEqual(['ws://127.0.0.1:8080/ws/player']);
    expect(socketUrls('', { protocol: 'https:', host: 'bangtin.example.vn' })).toEqual(['wss://bangtin.example.vn/ws/player']);
  });
});

describe('firstSocket', () => {
  it('gives a screen the same place every time', () => {
    expect(firstSocket('tok-a', 3)).toBe(firstSocket('tok-a', 3));
    expect(firstSocket('anything', 1)).toBe(0);
  });

  it('spreads screens over the sockets', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[firstSocket(`tok_${i.toString(36)}_${(i * 7919).toString(36)}`, 3)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(800);
  });
});
