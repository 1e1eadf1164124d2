import { z } from 'zod';

// The page runs under `script-src 'self'` (no 'unsafe-eval'). Zod otherwise probes
// `new Function` to compile fast parsers, and Chromium reports that probe as a CSP violation.
// Imported first by the entry, before any element upgrades and parses a stored manifest.
z.config({ jitless: true });
