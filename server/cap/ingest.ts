import type { Actor, AuditLog } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { AlertBroadcasts, Broadcast } from '../publishing/alerts.ts';
import type { CapAlertRecord, CapAlertRepo } from '../repos/cap-alerts.ts';
import type { WardRepo } from '../repos/wards.ts';
import type { StorageHealth } from '../storage/storage.ts';
import { readAlert, type CapAlert } from './alert.ts';
import { clip, decide, noticeOf, type Decision } from './mapping.ts';
import { parseXml, type XmlElement } from './xml.ts';

/** One pass of a CAP alert on screen; it repeats until the alert ends (as an emergency's does). */
export const ALERT_ITEM_MS = 30_000;

/** Who an alert came from: a signed-in account, a source's key, or the feed the job polls. */
export type CapSource =
  | { kind: 'user'; actor: NonNullable<Actor>; address: string }
  | { kind: 'key'; keyId: string; name: string; address: string }
  | { kind: 'feed'; url: string };

export const sourceLabel = (s: CapSource) =>
  s.kind === 'user' ? `user:${s.actor.username}` : s.kind === 'key' ? `key:${s.name}` : `feed:${new URL(s.url).origin}`;

export interface CapOutcome {
  /** The stored alert; null for a duplicate (the first one's row stands). */
  alertId: string | null;
  outcome: 'published' | 'updated' | 'ended' | 'listed' | 'duplicate';
  tier: 'emergency' | 'priority' | null;
  reason: string | null;
  scheduleId: string | null;
  /** The revision published, when screens got something new. */
  revision: number | null;
}

/**
 * Takes CAP 1.2 alerts in (issue 17): checks them against the standard, decides what they ask
 * of screens (mapping.ts), and puts that on air through the publishing road (AlertBroadcasts →
 * Publisher.commit), in one transaction with the alert's row and its audit entry. A refused
 * alert changes nothing but the audit log, where it is entered with its reason.
 */
export class CapIngest {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      capAlerts: CapAlertRepo;
      broadcasts: AlertBroadcasts;
      wards: Pick<WardRepo, 'get'>;
      audit: Pick<AuditLog, 'append'>;
      storage: Pick<StorageHealth, 'critical' | 'background'>;
    },
  ) {}

  /** One alert document (the body of `POST /api/cap`). Throws the refusal, entered in the audit log. */
  ingestXml(xml: string, source: CapSource): CapOutcome {
    let alert: CapAlert;
    try {
      alert = readAlert(parseXml(xml));
    } catch (err) {
      this.#refused(err, source, null);
      throw err;
    }
    return this.ingest(alert, source);
  }

  /** An `<alert>` element found in a feed; duplicates are passed over quietly (feeds list alerts again). */
  ingestElement(el: XmlElement, source: CapSource): CapOutcome {
    let alert: CapAlert;
    try {
      alert = readAlert(el);
    } catch (err) {
      this.#refused(err, source, null);
      throw err;
    }
    return this.ingest(alert, source, { quietDuplicates: true });
  }

  ingest(alert: CapAlert, source: CapSource, options: { quietDuplicates?: boolean } = {}): CapOutcome {
    const { actor, address } = whoOf(source);
    const label = sourceLabel(source);
    const objectId = `${alert.sender} ${alert.identifier}`;
    const run = () =>
      this.deps.db.transaction((): CapOutcome => {
        if (this.deps.capAlerts.find(alert.sender, alert.identifier, alert.sentAt)) {
          if (!options.quietDuplicates) {
            this.deps.audit.append(actor, address, { action: 'ignore', objectType: 'cap_alert', objectId, after: { reason: 'duplicate', sent: alert.sent, source: label } });
          }
          return { alertId: null, outcome: 'duplicate', tier: null, reason: 'duplicate', scheduleId: null, revision: null };
        }
        const outcome = this.#apply(alert, actor?.id ?? null);
        const info = outcome.decision.info;
        const record: CapAlertRecord = {
          id: newId('cap'), sender: alert.sender, identifier: alert.identifier, sent: alert.sent, sentAt: alert.sentAt,
          status: alert.status, msgType: alert.msgType, scope: alert.scope, event: info?.event ?? null, headline: info?.headline ?? null,
          tier: outcome.result.tier, outcome: outcome.result.outcome, reason: outcome.result.reason, wards: outcome.decision.wards,
          scheduleId: outcome.result.scheduleId, source: label, receivedAt: this.deps.clock.now(),
        };
        this.deps.capAlerts.insert(record);
        this.deps.audit.append(actor, address, {
          action: outcome.result.outcome === 'listed' ? 'list' : outcome.result.outcome,
          objectType: 'cap_alert',
          objectId,
          after: { sent: alert.sent, status: alert.status, msgType: alert.msgType, event: record.event, tier: record.tier, reason: record.reason, wards: record.wards, scheduleId: record.scheduleId, source: label },
        });
        return { ...outcome.result, alertId: record.id };
      }).immediate();
    // Alerts that change screens are saved on a full disk too, as emergencies are (storage.ts).
    return this.deps.storage.critical('a CAP alert', run);
  }

  /** What the alert does to screens, given what it references. Runs inside the ingest's transaction. */
  #apply(alert: CapAlert, userId: number | null): { decision: Decision; result: Omit<CapOutcome, 'alertId'> } {
    const now = this.deps.clock.now();
    const decision = decide(alert, now, (code) => this.deps.wards.get(code) !== undefined);
    const result = (r: Partial<Omit<CapOutcome, 'alertId'>> & Pick<CapOutcome, 'outcome'>) => ({
      decision,
      result: { tier: null, reason: null, scheduleId: null, revision: null, ...r },
    });
    // A Test, an Exercise, a Restricted alert…: listed, and it touches nothing on air either.
    const actual = alert.status === 'Actual' && alert.scope === 'Public';
    const referenced = actual && (alert.msgType === 'Update' || alert.msgType === 'Cancel') ? this.#onAir(alert) : [];
    if (alert.msgType === 'Cancel' && actual) {
      const ended = this.deps.broadcasts.end(referenced, userId);
      return ended ? result({ outcome: 'ended', revision: ended.revision }) : result({ outcome: 'listed', reason: 'nothing_on_air' });
    }
    if (decision.kind === 'listed') {
      // An Update that no longer reaches screens (now Past, or Minor) ends what it updates.
      const ended = alert.msgType === 'Update' ? this.deps.broadcasts.end(referenced, userId) : null;
      return ended ? result({ outcome: 'ended', reason: decision.reason, revision: ended.revision }) : result({ outcome: 'listed', reason: decision.reason, tier: null });
    }
    const broadcast: Broadcast = {
      tier: decision.tier,
      name: clip(decision.info.headline ?? decision.info.event, 120),
      event: clip(decision.info.event, 80),
      item: noticeOf(decision.info, ALERT_ITEM_MS),
      wards: decision.wards,
      startsAt: decision.startsAt,
      endsAt: decision.endsAt,
    };
    const [first, ...rest] = referenced;
    if (first !== undefined) {
      // The first alert it updates is changed in place (its receipts stay); any others end.
      const updated = this.deps.broadcasts.update(first, broadcast, userId);
      if (updated) {
        const ended = this.deps.broadcasts.end(rest, userId);
        return result({ outcome: 'updated', tier: decision.tier, scheduleId: first, revision: ended?.revision ?? updated.revision });
      }
    }
    const published = this.deps.broadcasts.publish(broadcast, userId);
    return result({ outcome: 'published', tier: decision.tier, scheduleId: published.scheduleId, revision: published.revision });
  }

  /** The schedules on air that the alert's references put there (an alert never seen has none). */
  #onAir(alert: CapAlert): string[] {
    const ids = alert.references.flatMap((ref) => this.deps.capAlerts.find(ref.sender, ref.identifier, ref.sentAt)?.scheduleId ?? []);
    return [...new Set(ids)].filter((id) => this.deps.broadcasts.onAir(id));
  }

  /** Enters a refusal in the audit log; a full disk must not hide the refusal itself. */
  #refused(err: unknown, source: CapSource, alert: CapAlert | null): void {
    if (!(err instanceof AppError)) return;
    const { actor, address } = whoOf(source);
    const after = { code: err.code, message: err.message, issues: err.issues?.slice(0, 10), source: sourceLabel(source) };
    this.deps.storage.background('a refused CAP alert\'s audit entry', () =>
      this.deps.audit.append(actor, address, { action: 'refuse', objectType: 'cap_alert', objectId: alert ? `${alert.sender} ${alert.identifier}` : null, after }),
    );
  }

  /** Enters the refusal of a body that was never read as XML (too large, not XML at all). */
  refuse(err: AppError, source: CapSource): void {
    this.#refused(err, source, null);
  }
}

function whoOf(source: CapSource): { actor: Actor; address: string | null } {
  if (source.kind === 'user') return { actor: source.actor, address: source.address };
  if (source.kind === 'key') return { actor: null, address: source.address };
  return { actor: null, address: null };
}
