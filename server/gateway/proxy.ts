import type { Context } from 'hono';

/** Hop-by-hop headers, never passed on (RFC 9110 §7.6.1), and the host, which is control's. */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

/**
 * Passes a player's HTTP request (pairing, a media file) to the control server and streams its
 * answer back. The control server refuses state-changing requests from another origin: a request
 * from this gateway's own page (its Origin is the gateway's) is passed on as from control's.
 */
export function proxyTo(controlUrl: string) {
  const control = new URL(controlUrl);
  return async (c: Context) => {
    const url = new URL(c.req.url);
    const target = new URL(url.pathname + url.search, control);
    const headers = new Headers();
    c.req.raw.headers.forEach((value, name) => {
      if (!DROPPED.has(name.toLowerCase())) headers.set(name, value);
    });
    if (headers.get('origin') === url.origin) headers.set('origin', control.origin);
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
