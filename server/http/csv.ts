/** RFC 4180 CSV: what ward imports read and audit exports write. */

export interface CsvRecord {
  /** The 1-based line on which the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses CSV text; a leading BOM is dropped, CRLF and LF both end a record. */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '"' && field === '' && !quoted) {
      const opened = line;
      quoted = true;
      for (i += 1; ; ) {
        if (i >= src.length) throw new CsvSyntaxError(opened, 'a quoted field is never closed');
        const q = src[i]!;
        i += 1;
        if (q !== '"') {
          if (q === '\n') line += 1;
          field += q;
        } else if (src[i] === '"') {
          field += '"';
          i += 1;
        } else break;
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(line, 'text after a closing quote');
      }
    } else if (ch === ',') {
      endField();
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endField();
      records.push({ line: start, fields });
      fields = [];
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line += 1;
      start = line;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || quoted || fields.length > 0) {
    endField();
    records.push({ line: start, fields });
  }
  return records;
}

/** Cells a spreadsheet would run as a formula start with one of these (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-looking text gets a leading quote; quoted when it holds , " CR or LF. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 BOM (Excel then reads Vietnamese correctly), CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
