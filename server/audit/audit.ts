import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import type { AuditRepo } from '../repos/audit.ts';
import type { User } from '../repos/users.ts';

/** One state change, as a route describes it. */
export interface AuditChange {
  /** What was done, snake_case: create, update, delete, sign_in, publish, … */
  action: string;
  /** What it was done to, snake_case: content_item, playlist, user, ward, screen, session, … */
  objectType: string;
  objectId?: string | number | null;
  /** The ward the object belongs to, if any; the actor's ward otherwise. */
  wardCode?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who acted; null for an anonymous request (a failed sign-in). */
export type Actor = Pick<User, 'id' | 'username' | 'wardCode'> | null;

/** What the audit needs from a request: the signed-in user (if any) and the client address. */
export interface AuditContext {
  var: { user?: Actor | undefined; clientAddress: string };
}

export type Log = (change: AuditChange) => void;

const SECRET_KEY = /(password|token|secret|hash|cookie)$/i;
const NOT_SECRET = new Set(['mustChangePassword']);
export const REDACTED = '[redacted]';
const secret = (key: string) => SECRET_KEY.test(key) && !NOT_SECRET.has(key);

/** A copy of `value` in which every property named like a secret reads "[redacted]". */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secret(k) ? REDACTED : redact(v)]));
  }
  return value;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(redact(value)));

/**
 * Appends who changed what, when and from where. Routes change state through `transaction`,
 * so a change and its entry are written together or not at all.
 */
export class AuditLog {
  constructor(private readonly deps: { db: Db; repo: AuditRepo; clock: Clock }) {}

  /**
   * Runs `change` in one transaction; every `log(...)` inside appends an entry in it. `actor`
   * overrides the signed-in user (sign-in knows the user before the session exists).
   */
  transaction<T>(c: AuditContext, change: (log: Log) => T, actor: Actor = c.var.user ?? null): T {
    return this.deps.db.transaction(() => change((entry) => this.append(actor, c.var.clientAddress, entry)))();
  }

  append(actor: Actor, address: string | null, change: AuditChange): void {
    this.deps.repo.insert({
      at: this.deps.clock.now(),
      userId: actor?.id ?? null,
      username: actor?.username ?? null,
      address,
      action: change.action,
      objectType: change.objectType,
      objectId: change.objectId === undefined || change.objectId === null ? null : String(change.objectId),
      wardCode: change.wardCode ?? actor?.wardCode ?? null,
      before: json(change.before),
      after: json(change.after),
    });
  }
}
