import { config } from 'zod/mini';

// Pages run under `script-src 'self'` (no 'unsafe-eval'). Zod otherwise probes
// `new Function` to compile fast parsers, and Chromium reports that probe as a CSP violation.
// Zod reads the setting when a schema is *built*, so this must run before playlists/ is
// evaluated: it is the entry's first import. In a build with several pages, the schemas sit in
// a shared chunk that runs before any entry, so every page must import this same module first.
// (zod/mini and classic zod share one configuration.)
config({ jitless: true });
