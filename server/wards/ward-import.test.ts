import { describe, expect, it } from 'vitest';
import { readWardCsv } from './ward-import.ts';

describe('readWardCsv', () => {
  it('reads wards, normalising the type and trimming cells', () => {
    const csv = '\uFEFFcode,name,type\r\n00004, Phường Ba Đình ,phường\r\n09877,Xã Sóc Sơn,Xã\r\n\r\n10105,Xã Minh Châu,xa\r\n';
    expect(readWardCsv(csv)).toEqual({
      wards: [
        { code: '00004', name: 'Phường Ba Đình', kind: 'phuong' },
        { code: '09877', name: 'Xã Sóc Sơn', kind: 'xa' },
        { code: '10105', name: 'Xã Minh Châu', kind: 'xa' },
      ],
      issues: [],
    });
  });

  it('accepts the header in any case and a name with a quoted comma', () => {
    const { wards } = readWardCsv('Code,Name,TYPE\n1,"Phường Hồng Hà, Hà Nội",phường\n');
    expect(wards).toEqual([{ code: '1', name: 'Phường Hồng Hà, Hà Nội', kind: 'phuong' }]);
  });

  it('reports every bad row by line and field, and returns no wards', () => {
    const csv = [
      'code,name,type',
      '00004,Phường Ba Đình,phường',
      '00004,Phường trùng mã,phường',
      'mã sai!,Xã A,xã',
      '00007,,xã',
      '00008,Thị trấn B,thị trấn',
      '00009,Phường C',
      '00010,Phường D,phường',
    ].join('\n');
    const { wards, issues } = readWardCsv(csv);
    expect(wards).toEqual([]);
    expect(issues).toEqual([
      { path: 'line.3.code', message: 'code 00004 is already on line 2' },
      { path: 'line.4.code', message: expect.any(String) },
      { path: 'line.5.name', message: expect.any(String) },
      { path: 'line.6.type', message: 'expected xã or phường' },
      { path: 'line.7.row', message: 'expected 3 columns, found 2' },
    ]);
  });

  it('counts lines inside quoted fields when it names a line', () => {
    const { issues } = readWardCsv('code,name,type\n1,"two\nlines",xã\n2,Phường E,quận\n');
    expect(issues).toEqual([{ path: 'line.4.type', message: 'expected xã or phường' }]);
  });

  it.each([
    ['a wrong header', 'ma,ten,loai\n1,A,xã\n', 'line.1.row'],
    ['no header at all', '', 'line.1.row'],
    ['a header and no rows', 'code,name,type\n\n', 'line.1.row'],
    ['an unclosed quote', 'code,name,type\n1,"A,xã\n', 'line.2.row'],
  ])('refuses %s', (_name, csv, path) => {
    expect(readWardCsv(csv)).toEqual({ wards: [], issues: [{ path, message: expect.any(String) }] });
  });

  it('refuses a name longer than 120 characters', () => {
    expect(readWardCsv(`code,name,type\n1,${'x'.repeat(121)},xã\n`).issues).toEqual([{ path: 'line.2.name', message: expect.any(String) }]);
  });
});
