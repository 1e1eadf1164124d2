/** The command line of `npm run bench` (see bench/fanout.ts). */

export const MAX_SOCKETS_PER_GENERATOR = 5_000;

export interface Options {
  screens: number;
  generators: number;
  /** Handshakes in flight per generator (bounded so the server's accept queue, 511, holds). */
  concurrency: number;
  /** Publishes per target; the round with the median p99 is reported. */
  rounds: number;
  /** Whether the reports benchmark (bench/reports.ts) runs after the fan-out: `--reports 0` skips it. */
  reports: boolean;
  /** Whether the reconnect storm and play ingest (bench/reconnect-storm.ts) run: `--storm 0` skips them. */
  storm: boolean;
  /** Player gateway processes over Redis (bench/gateways-target.ts); 0: the one embedded server. */
  gateways: number;
  /** Seconds the storm's server stays down before it starts again (`--outage`), beyond its restart. */
  outageS: number;
}

export function parseArgs(argv: string[]): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument ${arg}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    values.set(m[1]!, value);
  }
  const int = (name: string, fallback: number, min: number) => {
    const raw = values.get(name);
    values.delete(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
    return n;
  };
  const screens = int('screens', 1_000, 1);
  const gateways = int('gateways', 0, 0);
  // With gateways, each generator's screens go to one gateway: as many generators on each.
  const perGateway = (k: number) => (gateways ? Math.ceil(k / gateways) * gateways : k);
  const needed = perGateway(Math.ceil(screens / MAX_SOCKETS_PER_GENERATOR));
  const generators = int('generators', perGateway(Math.max(needed, screens >= 2_000 ? 2 : 1)), 1);
  if (generators < needed) {
    throw new Error(`--generators ${generators} is too few: at most ${MAX_SOCKETS_PER_GENERATOR} sockets per generator, so at least ${needed}`);
  }
  if (gateways && generators % gateways) throw new Error(`--generators ${generators} must be a multiple of --gateways ${gateways}`);
  const concurrency = int('concurrency', Math.min(250, Math.floor(400 / generators)) || 1, 1);
  const rounds = int('rounds', 3, 1);
  const reports = int('reports', 1, 0) > 0;
  const storm = int('storm', 1, 0) > 0;
  const outageS = int('outage', 0, 0);
  if (values.size) throw new Error(`unknown option --${[...values.keys()][0]}`);
  return { screens, generators: Math.min(generators, screens), concurrency, rounds, reports, storm, gateways, outageS };
}
