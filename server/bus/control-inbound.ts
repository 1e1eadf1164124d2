import type { ClientMessage } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { PlayGuard } from '../hub/play-guard.ts';
import type { PlayBatch, PlayRepo } from '../repos/plays.ts';
import type { ReceiptRepo } from '../repos/receipts.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { CommitOutcome } from './commits.ts';
import { InboundBodies, type Inbound } from './messages.ts';

export interface InboundDeps {
  clock: Clock;
  screens: Pick<ScreenRepo, 'get' | 'recordSightings'>;
  plays: Pick<PlayRepo, 'insertBatches'>;
  receipts: Pick<ReceiptRepo, 'recordMany'>;
  playGuard: Pick<PlayGuard, 'admit' | 'check' | 'forgetEnds'>;
}

type CommandResult = Extract<ClientMessage, { type: 'commandResult' }>;

/**
 * What control does with a batch of inbound entries (ControlCommits): the same checks and writes
 * as the embedded hub (play-guard.ts, then one transaction of plays; receipts; sightings), so a
 * play through a gateway is judged and stored exactly as one on the embedded server. An entry
 * is 'committed' once written — or when there is nothing to write (events for another screen,
 * refused by the checks: acknowledged all the same, as the hub does). 'refused' means "not
 * stored, do not acknowledge": the player keeps the events and sends them again. A storage
 * failure throws, so the entries stay pending in the stream and come again.
 */
export function inboundCommitter(deps: InboundDeps, onCommandResult: (screenId: string, result: CommandResult) => void) {
  return (entries: Inbound[]): CommitOutcome[] => {
    const outcomes: CommitOutcome[] = entries.map(() => 'committed');
    const batches: { index: number; batch: PlayBatch }[] = [];
    const receipts: { scheduleId: string; screenId: string; shownAt: number; receivedAt: number }[] = [];
    for (const [index, entry] of entries.entries()) {
      const schema = InboundBodies[entry.type as keyof typeof InboundBodies];
      const parsed = schema?.safeParse(entry.body);
      if (!schema || !parsed?.success) {
        console.warn(`bus: skipped a malformed ${entry.type} entry from gateway ${entry.gateway}`);
        outcomes[index] = 'refused';
        continue;
      }
      const body = parsed.data;
      switch (entry.type) {
        case 'plays': {
          const { events, receivedAt } = body as typeof InboundBodies.plays._output;
          const screen = deps.screens.get(entry.screenId);
          if (!screen) continue;
          if (!deps.playGuard.admit(entry.screenId, events.length)) {
            outcomes[index] = 'refused';
            continue;
          }
          const own = events.filter((e) => e.screenId === undefined || e.screenId === entry.screenId);
          batches.push({ index, batch: { screenId: entry.screenId, events: deps.playGuard.check(screen, own), receivedAt } });
          break;
        }
        case 'shown':
          receipts.push({ ...(body as typeof InboundBodies.shown._output), screenId: entry.screenId });
          break;
        case 'receipts':
          receipts.push(...(body as typeof InboundBodies.receipts._output).receipts);
          break;
        case 'sightings':
          deps.screens.recordSightings((body as typeof InboundBodies.sightings._output).sightings);
          break;
        case 'commandResult':
          onCommandResult(entry.screenId, body as CommandResult);
          break;
      }
    }
    if (receipts.length) deps.receipts.recordMany(receipts);
    if (batches.length) {
      const results = deps.plays.insertBatches(batches.map((b) => b.batch));
      batches.forEach(({ index, batch }, i) => {
        const error = results[i];
        if (!error) return;
        console.warn(`play events of screen ${batch.screenId} not stored: ${error.message}`);
        // Not acknowledged: they come again, and must not count as an overlap with themselves.
        deps.playGuard.forgetEnds(batch.screenId);
        outcomes[index] = 'refused';
      });
    }
    return outcomes;
  };
}
