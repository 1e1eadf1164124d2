import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** Hop-by-hop headers, never passed on (RFC 9110 §7.6.1), and the host, which is control's. */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);
/**
 * Not passed to control either: control judges the request's origin by its own address (the
 * gateway checked the player's, below), so a forwarded host or scheme would only mislead it.
 */
const NOT_FORWARDED = new Set(['x-forwarded-host', 'x-forwarded-proto']);

/**
 * Passes a player's HTTP request (pairing, a media file) to the control server and streams its
 * answer back, as a reverse proxy would (X-Forwarded-For appended). The control server refuses
 * state-changing requests from another origin: a request from this gateway's own page (its
 * Origin is the gateway's) is passed on as from control's.
 */
export function proxyTo(controlUrl: string) {
  const control = new URL(controlUrl);
  return async (c: Context) => {
    const url = new URL(c.req.url);
    const target = new URL(url.pathname + url.search, control);
    const headers = new Headers();
    c.req.raw.headers.forEach((value, name) => {
      if (!DROPPED.has(name.toLowerCase()) && !NOT_FORWARDED.has(name.toLowerCase())) headers.set(name, value);
    });
    if (headers.get('origin') === url.origin) headers.set('origin', control.origin);
    // The player's address, as a proxy gives it: control reads it with BANGTIN_TRUST_PROXY (pairing caps).
    const address = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
    if (address) headers.set('x-forwarded-for', [headers.get('x-forwarded-for'), address].filter(Boolean).join(', '));
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    try {
      const res = await fetch(target, {
        method: c.req.method,
        headers,
        body: hasBody ? await c.req.arrayBuffer() : undefined,
        redirect: 'manual',
      });
      const out = new Headers();
      res.headers.forEach((value, name) => {
        if (!DROPPED.has(name.toLowerCase()) && name.toLowerCase() !== 'content-encoding') out.set(name, value);
      });
      return new Response(res.body, { status: res.status, headers: out });
    } catch {
      return c.json({ error: { code: 'control_unreachable', message: 'The control server cannot be reached' } }, 502);
    }
  };
}
