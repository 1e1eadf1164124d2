import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request came from: the socket's peer, or, when `trustedProxies` > 0 (the
 * `BANGTIN_TRUST_PROXY` setting), the X-Forwarded-For entry that the nearest of those proxies
 * appended. Entries further left are written by the client and prove nothing.
 */
export function clientAddress(c: Context, trustedProxies = 0): string {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket.
  }
  if (trustedProxies > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const entry = forwarded[forwarded.length - trustedProxies];
    if (entry) return entry;
  }
  return socket ?? 'unknown';
}

/**
 * The origin the browser sees (scheme, host and port). Behind `trustedProxies` reverse proxies
 * (BANGTIN_TRUST_PROXY), TLS usually ends at the proxy: the scheme and host come from the
 * X-Forwarded-Proto and X-Forwarded-Host entries the nearest trusted proxy wrote. Without
 * trusted proxies those headers are ignored, since any client can send them.
 */
export function publicOrigin(c: Context, trustedProxies = 0): string {
  const own = new URL(c.req.url);
  if (trustedProxies <= 0) return own.origin;
  const forwarded = (name: string) => {
    const entries = (c.req.header(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return entries[Math.max(0, entries.length - trustedProxies)];
  };
  const proto = forwarded('x-forwarded-proto')?.toLowerCase();
  const host = forwarded('x-forwarded-host') ?? c.req.header('host');
  const scheme = proto === 'https' || proto === 'http' ? proto : own.protocol.slice(0, -1);
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return own.origin;
  // URL drops a default port, as browsers do in Origin.
  return new URL(`${scheme}://${host}`).origin;
}

/** An address as written, IPv4-mapped IPv6 read as IPv4: its IPv4 text or its 8 IPv6 groups. */
function parseAddress(address: string): { v4: string } | { v6: string[] } | { other: string } {
  const a = address.trim().toLowerCase().replace(/%.*$/, '');
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (v4) return { v4: v4[1]! };
  if (!/^[0-9a-f:]+$/.test(a) || !a.includes(':')) return { other: a };
  const [head = '', tail = ''] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return { v6: groups.slice(0, 8).map((g) => parseInt(g || '0', 16).toString(16)) };
}

/**
 * The key sign-in throttling counts an address under: IPv4 as is (IPv4-mapped IPv6 too), IPv6
 * by its /64, because one subscriber holds a whole /64 and could rotate through it.
 */
export function addressKey(address: string): string {
  const p = parseAddress(address);
  if ('v4' in p) return p.v4;
  if ('other' in p) return p.other;
  return `${p.v6.slice(0, 4).join(':')}::/64`;
}

/**
 * An address and the network it sits in, for caps that a flood from one network must not get
 * round by rotating addresses: IPv4 by its /24, IPv6 by its /64 (one subscriber's share).
 */
export function networkKeys(address: string): { address: string; network: string } {
  const p = parseAddress(address);
  if ('other' in p) return { address: p.other, network: p.other };
  if ('v4' in p) return { address: p.v4, network: `${p.v4.split('.').slice(0, 3).join('.')}.0/24` };
  return { address: p.v6.join(':'), network: `${p.v6.slice(0, 4).join(':')}::/64` };
}
