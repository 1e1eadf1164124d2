import { createHash } from 'node:crypto';
import { toLocalIso, type CapFeedStatus } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import type { Job, Scheduler } from '../scheduler.ts';
import { CAP_NS } from './alert.ts';
import type { CapIngest } from './ingest.ts';
import { readLimited } from './limited.ts';
import { CAP_MAX_BYTES, childrenNamed, parseXml, type XmlElement } from './xml.ts';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const FEED_EVERY_MS = 60_000;
export const FEED_TIMEOUT_MS = 10_000;
/** An Atom feed may list many alerts inline; each alert it links to is held to CAP_MAX_BYTES. */
export const FEED_MAX_BYTES = 2 * 1024 * 1024;
/** Entries read per poll, newest first as feeds list them. */
export const FEED_MAX_ENTRIES = 50;
const SEEN_MAX = 5_000;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const isCapAlert = (el: XmlElement) => el.name === 'alert' && el.ns === CAP_NS;

/**
 * The CAP feed an admin sets (issue 17), polled every minute through the scheduler: one CAP
 * alert at a URL, or an Atom feed whose entries carry alerts inline or link to them. Every fetch
 * has a timeout and a size limit; what was read once (a document, an entry at its `updated`) is
 * not read again, so an alert refused once is entered in the audit log once, and alerts taken
 * before are passed over quietly (the ingest also ignores duplicates).
 */
export class CapFeed {
  readonly #seen = new Set<string>();
  #polling: Promise<void> | null = null;
  #state = { lastPolledAt: null as number | null, lastOkAt: null as number | null, lastError: null as string | null, alertsTaken: 0 };

  constructor(
    private readonly deps: {
      clock: Clock;
      settings: Pick<SettingsRepo, 'get' | 'set' | 'delete'>;
      ingest: Pick<CapIngest, 'ingestElement' | 'refuse'>;
      fetch?: typeof fetch;
      /** Tests shorten these. */
      timeoutMs?: number;
      maxBytes?: number;
    },
  ) {}

  start(scheduler: Scheduler): Job {
    return scheduler.every('cap-feed', FEED_EVERY_MS, () => void this.poll());
  }

  url(): string | null {
    return this.deps.settings.get('cap_feed_url');
  }

  /** Sets or clears the feed (inside the caller's transaction); its state starts afresh. */
  setUrl(url: string | null): void {
    if (url === null) this.deps.settings.delete('cap_feed_url');
    else this.deps.settings.set('cap_feed_url', url);
    this.#seen.clear();
    this.#state = { lastPolledAt: null, lastOkAt: null, lastError: null, alertsTaken: 0 };
  }

  status(): CapFeedStatus {
    const at = (ms: number | null) => (ms === null ? null : toLocalIso(ms));
    const s = this.#state;
    return { url: this.url(), lastPolledAt: at(s.lastPolledAt), lastOkAt: at(s.lastOkAt), lastError: s.lastError, alertsTaken: s.alertsTaken };
  }

  /** One poll; a poll still running is waited for rather than doubled. */
  poll(): Promise<void> {
    this.#polling ??= this.#poll().finally(() => (this.#polling = null));
    return this.#polling;
  }

  async #poll(): Promise<void> {
    const url = this.url();
    if (!url) return;
    this.#state.lastPolledAt = this.deps.clock.now();
    const problems: string[] = [];
    try {
      const text = await this.#fetch(url, this.deps.maxBytes ?? FEED_MAX_BYTES);
      const root = parseXml(text);
      if (isCapAlert(root)) this.#take(`doc:${sha(text)}`, root, url, problems);
      else if (root.name === 'feed' && root.ns === ATOM_NS) await this.#entries(root, url, problems);
      else throw new AppError(422, 'cap_feed_unknown', `Neither a CAP 1.2 alert nor an Atom feed (<${root.name}>)`);
      this.#state.lastOkAt = this.deps.clock.now();
      this.#state.lastError = problems.length ? problems.slice(0, 3).join('; ') : null;
    } catch (err) {
      this.#state.lastError = describe(err, this.deps.timeoutMs ?? FEED_TIMEOUT_MS);
    }
  }

  async #entries(feed: XmlElement, base: string, problems: string[]): Promise<void> {
    for (const entry of childrenNamed(feed, ATOM_NS, 'entry').slice(0, FEED_MAX_ENTRIES)) {
      const id = childrenNamed(entry, ATOM_NS, 'id')[0]?.text.trim() ?? '';
      const updated = childrenNamed(entry, ATOM_NS, 'updated')[0]?.text.trim() ?? '';
      const key = `entry:${id}|${updated}`;
      if (id && this.#seen.has(key)) continue;
      const content = childrenNamed(entry, ATOM_NS, 'content')[0];
      const inline = content?.children.find(isCapAlert);
      try {
        if (inline) this.#take(key, inline, base, problems);
        else if (content && content.text.trim().startsWith('<')) this.#take(key, parseXml(content.text.trim()), base, problems);
        else {
          const link = capLink(entry, base);
          if (!link) continue;
          this.#take(key, parseXml(await this.#fetch(link, CAP_MAX_BYTES)), link, problems);
        }
      } catch (err) {
        // A linked alert that is not XML is refused in the audit log, once; a network failure is tried again.
        if (err instanceof AppError && err.status < 500) {
          this.deps.ingest.refuse(err, { kind: 'feed', url: base });
          if (id) this.#remember(key);
        }
        problems.push(describe(err));
      }
    }
  }

  /** Takes one alert in; the ingest enters a refusal in the audit log itself. */
  #take(key: string, el: XmlElement, url: string, problems: string[]): void {
    if (this.#seen.has(key)) return;
    this.#remember(key);
    try {
      const result = this.deps.ingest.ingestElement(el, { kind: 'feed', url });
      if (result.outcome !== 'duplicate') this.#state.alertsTaken += 1;
    } catch (err) {
      problems.push(describe(err));
    }
  }

  #remember(key: string): void {
    if (this.#seen.size >= SEEN_MAX) this.#seen.clear();
    this.#seen.add(key);
  }

  async #fetch(url: string, max: number): Promise<string> {
    if (!/^https?:\/\//i.test(url)) throw new AppError(400, 'cap_feed_bad_url', 'Only http(s) addresses are fetched');
    const res = await (this.deps.fetch ?? fetch)(url, {
      signal: AbortSignal.timeout(this.deps.timeoutMs ?? FEED_TIMEOUT_MS),
      headers: { Accept: 'application/cap+xml, application/atom+xml, application/xml;q=0.9' },
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new AppError(502, 'cap_feed_http', `${new URL(url).origin} answered ${res.status}`);
    }
    return readLimited(res.body, max, res.headers.get('content-length'));
  }
}

/** The address of the CAP alert an Atom entry links to, resolved against the feed's. */
function capLink(entry: XmlElement, base: string): string | null {
  const links = childrenNamed(entry, ATOM_NS, 'link');
  const typed = links.find((l) => /cap\+xml/i.test(l.attrs.type ?? '')) ?? links.find((l) => /xml/i.test(l.attrs.type ?? ''));
  const href = typed?.attrs.href;
  if (!href) return null;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function describe(err: unknown, timeoutMs = FEED_TIMEOUT_MS): string {
  if (err instanceof AppError) return `${err.code}: ${err.message}`.slice(0, 300);
  if (err instanceof Error && err.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000} s`;
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}
