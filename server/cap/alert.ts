import { AppError } from '../errors.ts';
import { childrenNamed, type XmlElement } from './xml.ts';

/**
 * A CAP 1.2 alert (OASIS Common Alerting Protocol, Version 1.2, 2010), read from its XML and
 * checked against the standard: required elements, the value lists, dateTimes with an offset,
 * and what one element asks of another (a Restricted alert has a restriction, an Update or a
 * Cancel references what it updates). What bangtin does not use (resources, polygons, circles)
 * is checked for its required parts and otherwise left alone.
 */

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

export const CAP_ENUMS = {
  status: ['Actual', 'Exercise', 'System', 'Test', 'Draft'],
  msgType: ['Alert', 'Update', 'Cancel', 'Ack', 'Error'],
  scope: ['Public', 'Restricted', 'Private'],
  category: ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'],
  responseType: ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'],
  urgency: ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'],
  severity: ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'],
  certainty: ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'],
} as const;

type Enum<K extends keyof typeof CAP_ENUMS> = (typeof CAP_ENUMS)[K][number];

export interface CapValue {
  valueName: string;
  value: string;
}

export interface CapArea {
  areaDesc: string;
  geocodes: CapValue[];
}

export interface CapInfo {
  /** `en-US` when the alert names none (the standard's default). */
  language: string;
  categories: Enum<'category'>[];
  event: string;
  urgency: Enum<'urgency'>;
  severity: Enum<'severity'>;
  certainty: Enum<'certainty'>;
  /** Instants (ms); null when absent. */
  effective: number | null;
  onset: number | null;
  expires: number | null;
  senderName: string | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  areas: CapArea[];
}

/** An earlier alert named in `references`: `sender,identifier,sent`. */
export interface CapReference {
  sender: string;
  identifier: string;
  sentAt: number;
}

export interface CapAlert {
  identifier: string;
  sender: string;
  /** As written, and as an instant. */
  sent: string;
  sentAt: number;
  status: Enum<'status'>;
  msgType: Enum<'msgType'>;
  scope: Enum<'scope'>;
  references: CapReference[];
  infos: CapInfo[];
}

type Issue = { path: string; message: string };

/** CAP's dateTime: the XML Schema form with a numeric offset and no fraction ("Z" is not allowed). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

/** The instant of a CAP dateTime, or null when it is not one (a wrong form, or no such date). */
export function capDateTime(value: string): number | null {
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s, sign, oh, om] = [m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9]].map((x, i) => (i === 6 ? x : Number(x))) as [
    number, number, number, number, number, number, string, number, number,
  ];
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(local);
  // Date.UTC rolls 31/02 over into March: a date that does not round-trip does not exist.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  if (oh > 14 || om > 59) return null;
  return local - (sign === '+' ? 1 : -1) * (oh * 60 + om) * 60_000;
}

/** identifier and sender: no spaces, commas or the restricted characters < and &. */
const TOKEN = /^[^\s,<&]+$/;

class Reader {
  readonly issues: Issue[] = [];

  constructor(private readonly el: XmlElement, private readonly path: string) {}

  all(name: string): XmlElement[] {
    return childrenNamed(this.el, CAP_NS, name);
  }

  text(name: string, required: boolean): string | null {
    const found = this.all(name);
    if (found.length > 1) this.issue(name, 'appears more than once');
    const value = found[0]?.text.trim() ?? '';
    if (!value) {
      if (required) this.issue(name, found.length ? 'is empty' : 'is required');
      return null;
    }
    return value;
  }

  oneOf<K extends keyof typeof CAP_ENUMS>(name: K, value: string | null): Enum<K> | null {
    if (value === null) return null;
    if (!(CAP_ENUMS[name] as readonly string[]).includes(value)) {
      this.issue(name, `must be one of ${CAP_ENUMS[name].join(', ')} (got ${value.slice(0, 40)})`);
      return null;
    }
    return value as Enum<K>;
  }

  dateTime(name: string, required: boolean): number | null {
    const value = this.text(name, required);
    if (value === null) return null;
    const at = capDateTime(value);
    if (at === null) this.issue(name, 'must be a dateTime with its offset, e.g. 2026-10-04T08:00:00+07:00');
    return at;
  }

  pairs(name: string): CapValue[] {
    return this.all(name).map((el, i) => {
      const r = new Reader(el, `${this.path}.${name}.${i}`);
      const pair = { valueName: r.text('valueName', true) ?? '', value: r.text('value', true) ?? '' };
      this.issues.push(...r.issues);
      return pair;
    });
  }

  issue(name: string, message: string): void {
    this.issues.push({ path: `${this.path}.${name}`, message });
  }
}

function readInfo(el: XmlElement, path: string, issues: Issue[]): CapInfo {
  const r = new Reader(el, path);
  const categories = r.all('category').map((c) => r.oneOf('category', c.text.trim()));
  if (!categories.length) r.issue('category', 'is required');
  for (const t of r.all('responseType')) r.oneOf('responseType', t.text.trim());
  const info: CapInfo = {
    language: r.text('language', false) ?? 'en-US',
    categories: categories.filter((c) => c !== null),
    event: r.text('event', true) ?? '',
    urgency: r.oneOf('urgency', r.text('urgency', true)) ?? 'Unknown',
    severity: r.oneOf('severity', r.text('severity', true)) ?? 'Unknown',
    certainty: r.oneOf('certainty', r.text('certainty', true)) ?? 'Unknown',
    effective: r.dateTime('effective', false),
    onset: r.dateTime('onset', false),
    expires: r.dateTime('expires', false),
    senderName: r.text('senderName', false),
    headline: r.text('headline', false),
    description: r.text('description', false),
    instruction: r.text('instruction', false),
    areas: r.all('area').map((a, i) => {
      const ar = new Reader(a, `${path}.area.${i}`);
      const area = { areaDesc: ar.text('areaDesc', true) ?? '', geocodes: ar.pairs('geocode') };
      if (ar.text('ceiling', false) !== null && ar.text('altitude', false) === null) ar.issue('ceiling', 'needs an altitude');
      issues.push(...ar.issues);
      return area;
    }),
  };
  r.pairs('eventCode');
  r.pairs('parameter');
  r.all('resource').forEach((res, i) => {
    const rr = new Reader(res, `${path}.resource.${i}`);
    rr.text('resourceDesc', true);
    rr.text('mimeType', true);
    issues.push(...rr.issues);
  });
  issues.push(...r.issues);
  return info;
}

function readReferences(value: string, r: Reader): CapReference[] {
  return value.split(/\s+/).flatMap((triple) => {
    const parts = triple.split(',');
    const sentAt = parts.length === 3 ? capDateTime(parts[2]!) : null;
    if (parts.length !== 3 || !parts[0] || !parts[1] || sentAt === null) {
      r.issue('references', `each reference is sender,identifier,sent (got ${triple.slice(0, 80)})`);
      return [];
    }
    return [{ sender: parts[0], identifier: parts[1], sentAt }];
  });
}

/**
 * Reads a CAP 1.2 `<alert>` element; throws `wrong_namespace` (not a CAP 1.2 alert at all) or
 * `cap_invalid` with every issue found, so a sender learns all that is wrong at once.
 */
export function readAlert(root: XmlElement): CapAlert {
  if (root.name !== 'alert' || root.ns !== CAP_NS) {
    throw new AppError(422, 'cap_wrong_namespace', `Expected <alert> in ${CAP_NS} (got <${root.name}> in ${root.ns ?? 'no namespace'})`);
  }
  const r = new Reader(root, 'alert');
  const issues: Issue[] = [];
  const identifier = r.text('identifier', true);
  const sender = r.text('sender', true);
  if (identifier !== null && !TOKEN.test(identifier)) r.issue('identifier', 'may hold no spaces, commas, < or &');
  if (sender !== null && !TOKEN.test(sender)) r.issue('sender', 'may hold no spaces, commas, < or &');
  const sent = r.text('sent', true);
  const sentAt = sent === null ? null : capDateTime(sent);
  if (sent !== null && sentAt === null) r.issue('sent', 'must be a dateTime with its offset, e.g. 2026-10-04T08:00:00+07:00');
  const status = r.oneOf('status', r.text('status', true));
  const msgType = r.oneOf('msgType', r.text('msgType', true));
  const scope = r.oneOf('scope', r.text('scope', true));
  if (scope === 'Restricted' && r.text('restriction', false) === null) r.issue('restriction', 'is required when scope is Restricted');
  if (scope === 'Private' && r.text('addresses', false) === null) r.issue('addresses', 'is required when scope is Private');
  r.pairs('code');
  const refText = r.text('references', false);
  const references = refText === null ? [] : readReferences(refText, r);
  if ((msgType === 'Update' || msgType === 'Cancel') && refText === null) r.issue('references', `is required: an ${msgType} names the alerts it ${msgType === 'Update' ? 'updates' : 'cancels'}`);
  const infos = r.all('info').map((el, i) => readInfo(el, `alert.info.${i}`, issues));
  issues.unshift(...r.issues);
  if (issues.length || identifier === null || sender === null || sent === null || sentAt === null || !status || !msgType || !scope) {
    throw new AppError(422, 'cap_invalid', 'The alert does not follow CAP 1.2', issues.slice(0, 50));
  }
  return { identifier, sender, sent, sentAt, status, msgType, scope, references, infos };
}
