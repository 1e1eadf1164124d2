import { describe, expect, it } from 'vitest';
import type { PlayerSocket } from '../hub/socket.ts';
import { PingPacer } from './ping-pacer.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));

function fakeSocket(log: string[], name: string): PlayerSocket {
  return {
    send: (data) => log.push(`${name} send ${String(data)}`),
    close: (code) => log.push(`${name} close ${code}`),
    terminate: () => log.push(`${name} terminate`),
    ping: () => log.push(`${name} ping`),
    bufferedAmount: 42,
  };
}

describe('PingPacer', () => {
  it('sends the pings of a sweep a share per turn, in order, and everything else at once', async () => {
    const log: string[] = [];
    const pacer = new PingPacer(2);
    const sockets = ['a', 'b', 'c', 'd', 'e'].map((n) => pacer.wrap(fakeSocket(log, n)));
    sockets[0]!.send('x');
    sockets[1]!.close(4003, 'gone');
    sockets[2]!.terminate();
    expect(sockets[3]!.bufferedAmount).toBe(42);
    expect(log).toEqual(['a send x', 'b close 4003', 'c terminate']);
    log.length = 0;
    for (const s of sockets) s.ping();
    expect(log).toEqual([]);
    expect(pacer.pending).toBe(5);
    await turn();
    expect(log).toEqual(['a ping', 'b ping']);
    await turn();
    await turn();
    expect(log).toEqual(['a ping', 'b ping', 'c ping', 'd ping', 'e ping']);
    expect(pacer.pending).toBe(0);
    sockets[0]!.ping();
    await turn();
    expect(log.at(-1)).toBe('a ping');
  });

  it('goes on past a socket whose ping throws, and drops what waits when stopped', async () => {
    const log: string[] = [];
    const pacer = new PingPacer(10);
    const broken = pacer.wrap({ ...fakeSocket(log, 'x'), ping: () => { throw new Error('closed'); } });
    const fine = pacer.wrap(fakeSocket(log, 'y'));
    broken.ping();
    fine.ping();
    await turn();
    expect(log).toEqual(['y ping']);
    fine.ping();
    pacer.stop();
    await turn();
    expect(log).toEqual(['y ping']);
    expect(pacer.pending).toBe(0);
  });
});
