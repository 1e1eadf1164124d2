import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvCell, parseCsv, toCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads records with their starting line, LF or CRLF, with or without a BOM', () => {
    expect(parseCsv('\uFEFFcode,name\r\n1,Ba Đình\n2,Hoàn Kiếm\n')).toEqual([
      { line: 1, fields: ['code', 'name'] },
      { line: 2, fields: ['1', 'Ba Đình'] },
      { line: 3, fields: ['2', 'Hoàn Kiếm'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\n"two\nlines",x,""\nlast,1,2')).toEqual([
      { line: 1, fields: ['a', 'b, c', 'say "hi"'] },
      { line: 2, fields: ['two\nlines', 'x', ''] },
      { line: 4, fields: ['last', '1', '2'] },
    ]);
  });

  it('keeps empty lines as one empty field, so callers can skip them', () => {
    expect(parseCsv('a\n\nb')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['b'] },
    ]);
  });

  it('names the line of a quote that never closes', () => {
    const err = (() => {
      try {
        parseCsv('a,b\n1,"open\n2,3');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect((err as CsvSyntaxError).line).toBe(2);
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(CsvSyntaxError);
  });
});

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and quotes what needs it', () => {
    expect(toCsv([['a', 'b,c'], ['say "hi"', 'two\nlines'], [1, null]])).toBe(
      '\uFEFFa,"b,c"\r\n"say ""hi""","two\nlines"\r\n1,\r\n',
    );
  });

  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('neutralises the formula %j', (cell) => {
    const out = csvCell(cell);
    expect(out.replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('leaves numbers and ordinary text alone', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('Phường Ba Đình')).toBe('Phường Ba Đình');
  });

  it('reads back what it writes', () => {
    const rows = [['mã', 'tên, có dấu phẩy'], ['"trích"', 'dòng\r\nmới']];
    expect(parseCsv(toCsv(rows)).map((r) => r.fields)).toEqual(rows);
  });
});
