import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../errors.ts';

/**
 * XML read safely, for CAP alerts and Atom feeds (issue 17). fast-xml-parser with every entity
 * processing off, and a document type refused before parsing: with no DTD there are no entities
 * to expand, so neither XXE (an entity naming a file or a URL) nor billion laughs (entities
 * expanding into entities) can happen. The five entities XML predefines and character
 * references are decoded here, one step, never recursively.
 */

/** An element with its namespace resolved: what CAP's and Atom's readers walk. */
export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI, or null when none is in scope. */
  ns: string | null;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Its own text (character data and CDATA), entities decoded, not trimmed. */
  text: string;
}

/** The largest CAP alert taken (also the size of each alert a feed links to). */
export const CAP_MAX_BYTES = 256 * 1024;

const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
  cdataPropName: '#cdata',
  maxNestedTags: 64,
});

/** Characters XML 1.0 forbids anywhere in a document. */
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const refused = (code: string, message: string) => new AppError(400, code, message);

/** Decodes `&amp;`-style and `&#…;` references; any other named entity is undefined without a DTD. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw refused('cap_malformed_xml', 'An & that starts no entity reference');
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!ok) throw refused('cap_malformed_xml', `Character reference ${whole} names no XML character`);
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[ref];
    if (value === undefined) throw refused('cap_malformed_xml', `Entity ${whole} is not defined (no document type is accepted)`);
    return value;
  });
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Parses a document into its root element; every refusal is a 400 AppError with a stable code. */
export function parseXml(source: string): XmlElement {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  // Before any parsing: no document type, so no entity can be declared at all.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw refused('cap_dtd_refused', 'Document type declarations and entities are refused (XXE, entity expansion)');
  }
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    throw new AppError(415, 'cap_unsupported_encoding', `Send UTF-8 XML (this document declares ${declared})`);
  }
  if (FORBIDDEN_CHARS.test(text)) throw refused('cap_malformed_xml', 'The document holds characters XML does not allow');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw refused('cap_malformed_xml', `Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const nodes = PARSER.parse(text) as Ordered[];
  const roots = nodes.filter((n) => elementName(n) !== null);
  if (roots.length !== 1) throw refused('cap_malformed_xml', 'An XML document has exactly one root element');
  return toElement(roots[0]!, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

function elementName(node: Ordered): string | null {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata') ?? null;
}

function toElement(node: Ordered, scope: ReadonlyMap<string, string>): XmlElement {
  const qname = elementName(node)!;
  const raw = node[':@'] ?? {};
  const inner = new Map(scope);
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const decoded = decodeEntities(value);
    if (key === 'xmlns') inner.set('', decoded);
    else if (key.startsWith('xmlns:')) inner.set(key.slice(6), decoded);
    else attrs[key] = decoded;
  }
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const ns = inner.get(prefix) ?? null;
  if (prefix && ns === null) throw refused('cap_malformed_xml', `Namespace prefix ${prefix} is not declared`);
  const children: XmlElement[] = [];
  let own = '';
  for (const child of (node[qname] as Ordered[]) ?? []) {
    if ('#text' in child) own += decodeEntities(String(child['#text']));
    else if ('#cdata' in child) own += ((child['#cdata'] as { '#text'?: unknown }[]) ?? []).map((c) => String(c['#text'] ?? '')).join('');
    else if (elementName(child) !== null) children.push(toElement(child, inner));
  }
  return { name: colon === -1 ? qname : qname.slice(colon + 1), ns: ns === '' ? null : ns, attrs, children, text: own };
}

/** The child elements of `el` named `name` in namespace `ns`. */
export const childrenNamed = (el: XmlElement, ns: string, name: string) => el.children.filter((c) => c.ns === ns && c.name === name);
