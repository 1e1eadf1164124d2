import { Ward, WardCode, type WardKind } from '../../playlists/index.ts';
import { CsvSyntaxError, parseCsv } from '../http/csv.ts';

export interface LineIssue {
  /** `line.<n>.<field>`: field is code, name, type or row. */
  path: string;
  message: string;
}

export const MAX_WARD_ROWS = 5_000;

const KINDS: Record<string, WardKind> = { 'xã': 'xa', xa: 'xa', 'phường': 'phuong', phuong: 'phuong' };
const HEADER = ['code', 'name', 'type'];

/**
 * Reads a ward CSV (`code,name,type`, type xã or phường) and checks every row, so the caller
 * can write all of them or none. Blank lines are skipped; a code may appear once.
 */
export function readWardCsv(csv: string): { wards: Ward[]; issues: LineIssue[] } {
  const issues: LineIssue[] = [];
  const at = (line: number, field: string, message: string) => issues.push({ path: `line.${line}.${field}`, message });
  let records;
  try {
    records = parseCsv(csv);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    at(e.line, 'row', e.message);
    return { wards: [], issues };
  }
  const [header, ...rows] = records;
  const names = header?.fields.map((f) => f.trim().toLowerCase());
  if (!names || names.join(',') !== HEADER.join(',')) {
    at(header?.line ?? 1, 'row', `the first line must be the header ${HEADER.join(',')}`);
    return { wards: [], issues };
  }
  const seen = new Map<string, number>();
  const wards: Ward[] = [];
  const filled = rows.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (filled.length === 0) at(header!.line, 'row', 'no wards after the header');
  if (filled.length > MAX_WARD_ROWS) at(filled[MAX_WARD_ROWS]!.line, 'row', `at most ${MAX_WARD_ROWS} wards per file`);
  for (const { line, fields } of filled.slice(0, MAX_WARD_ROWS)) {
    if (fields.length !== 3) {
      at(line, 'row', `expected 3 columns, found ${fields.length}`);
      continue;
    }
    const [rawCode, rawName, rawType] = fields.map((f) => f.trim()) as [string, string, string];
    const kind = KINDS[rawType.normalize('NFC').toLowerCase()];
    const parsed = Ward.safeParse({ code: rawCode, name: rawName, kind: kind ?? rawType });
    if (!WardCode.safeParse(rawCode).success) at(line, 'code', 'expected a ward code (a letter or digit, then letters, digits, _ or -; at most 20)');
    else if (seen.has(rawCode)) at(line, 'code', `code ${rawCode} is already on line ${seen.get(rawCode)}`);
    else seen.set(rawCode, line);
    if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'name')) {
      at(line, 'name', 'expected a name of 1 to 120 characters');
    }
    if (!kind) at(line, 'type', 'expected xã or phường');
    if (parsed.success) wards.push(parsed.data);
  }
  return { wards: issues.length ? [] : wards, issues };
}
