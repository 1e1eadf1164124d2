/**
 * `npx tsx bench/gateway-latency.ts [--screens 1000] [--gateways 2] [--rounds 5]`: control and
 * gateways in this process over a real redis-server (started here), and `--screens` players over
 * real WebSockets spread over the gateways. Measures, per screen:
 * - publish → manifest: from Publisher.publish() on control to the new manifest frame at the
 *   player (which acknowledges it at once);
 * - plays → playsAck: a play sent by the player until its acknowledgement, which the gateway
 *   sends only once control committed it in SQLite (the stream round trip).
 * `--gateways 0` connects the players to control's own hub instead (the embedded path);
 * `--processes 1` runs the gateways as `npm run gateway` processes.
 * Everything shares this process and its cores, so the figures include the players' own work:
 * an upper bound for the bus, not the issue's 20,000-screen bench over processes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { attachPlayerSockets } from '../server/hub/upgrade.ts';
import { percentile, until } from '../server/bus/test-fixtures.ts';
import { SimPlayer, killGateway, play, spawnGateway, startControl, startGateway, type GatewayProcess } from '../server/gateway/test-fixtures.ts';
import { slogan } from '../server/testing/helpers.ts';
import { TestRedis } from '../server/testing/redis.ts';

const { values } = parseArgs({
  options: { screens: { type: 'string', default: '1000' }, gateways: { type: 'string', default: '2' }, rounds: { type: 'string', default: '5' }, processes: { type: 'string', default: '0' } },
});
const processes = values.processes === '1';
const screens = Number(values.screens);
const gatewayCount = Number(values.gateways);
const rounds = Number(values.rounds);

const redis = await TestRedis.start();
// Gateway processes use the default prefix (this Redis is the bench's own).
const prefix = processes ? 'bangtin:' : 'bench:';
const control = await startControl(redis.url, prefix);
const added = control.addScreens(screens);
const gateways: Awaited<ReturnType<typeof startGateway>>[] = [];
const children: GatewayProcess[] = [];
if (processes) children.push(...(await Promise.all(Array.from({ length: gatewayCount }, (_, i) => spawnGateway(redis.url, `g${i + 1}`)))));
else for (let i = 0; i < gatewayCount; i++) gateways.push(await startGateway(redis.url, prefix, `g${i + 1}`));
await until(() => gateways.every((g) => g.gateway.directory.size >= screens + 1), 30_000);
if (processes) await new Promise((r) => setTimeout(r, 1000));
// `--gateways 0`: the players connect to control's own hub, the embedded path, for comparison.
const embedded = gatewayCount === 0 ? createServer() : null;
if (embedded) {
  attachPlayerSockets(embedded, control.hub, { maxPayload: 512 * 1024 });
  await new Promise<void>((resolve) => embedded.listen(0, '127.0.0.1', resolve));
}
const urls = embedded ? [`ws://127.0.0.1:${(embedded.address() as AddressInfo).port}/ws/player`] : [...gateways, ...children].map((g) => g.url);
const players = added.map((s, i) => new SimPlayer(s.token, urls, i % urls.length));
for (const [i, p] of players.entries()) {
  p.connect();
  if (i % 200 === 199) await new Promise((r) => setTimeout(r, 20));
}
await until(() => players.every((p) => p.version !== null), 60_000);
console.log(`${screens} screens on ${embedded ? 'control itself (embedded)' : `${gatewayCount} gateway ${processes ? 'process(es)' : '(s) in this process'}`}, connected`);

const publishMs: number[] = [];
const itemId = control.services.content.list()[0]!.item.id;
for (let r = 0; r < rounds; r++) {
  const arrived: number[] = [];
  for (const p of players) p.onManifest = () => arrived.push(performance.now());
  control.services.content.update(itemId, slogan(`Học nghề hôm nay, vững nghề ngày mai (${r})`), control.clock.now());
  control.services.reviews.approveAllCity(null, control.clock.now());
  const t0 = performance.now();
  control.services.publisher.publish(null);
  await until(() => arrived.length === screens, 60_000);
  publishMs.push(...arrived.map((t) => t - t0));
  await new Promise((r2) => setTimeout(r2, 200));
}

const playMs: number[] = [];
const playItem = control.services.content.list()[0]!.item.id;
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  const done: number[] = [];
  players.forEach((p, i) => {
    p.onAck = () => done.push(performance.now() - t0);
    p.sendPlays([play(`benchplay-${i}-${String(r).padStart(4, '0')}`, playItem, r)]);
  });
  await until(() => done.length === screens, 60_000);
  playMs.push(...done);
  await new Promise((r2) => setTimeout(r2, 200));
}

const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(`publish → manifest at the player (${rounds} publishes × ${screens}): ${fmt(publishMs)}`);
console.log(`plays → playsAck after control's commit (${rounds} rounds × ${screens}): ${fmt(playMs)}`);

for (const p of players) p.stop();
await Promise.all(gateways.map((g) => g.stop()));
await Promise.all(children.map(killGateway));
embedded?.close();
await control.stop();
await redis.stop();
process.exit(0);
