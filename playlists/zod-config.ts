import { config } from 'zod/mini';

// Pages run under `script-src 'self'` (no 'unsafe-eval'). Zod otherwise probes
// `new Function` when it builds its first object schema (to compile fast parsers), and Chromium
// reports that probe as a CSP violation. A bundler may put the schemas in a shared chunk that
// runs before a page's entry, so every module that builds schemas imports this one first: the
// setting is in place whichever chunk runs first. (zod/mini and classic zod share one
// configuration.) The server keeps zod's compiled parsers: there is no page there.
if (typeof document !== 'undefined') config({ jitless: true });
