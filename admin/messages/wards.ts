// Vietnamese text of the wards view: the ward list and its CSV import.
export const wardsMessages = {
  wards: {
    title: 'Xã, phường',
    count: (all: number, phuong: number, xa: number) => `${all} đơn vị: ${phuong} phường, ${xa} xã`,
    code: 'Mã',
    name: 'Tên',
    kind: 'Loại',
    kinds: { xa: 'Xã', phuong: 'Phường' } as Record<string, string>,
    screens: 'Màn hình',
    operators: 'Người vận hành',
    empty: 'Chưa có xã, phường nào.',
    emptyHelp: 'Màn hình được gắn với một xã, phường chọn từ danh sách này, và người vận hành xã, phường cũng vậy. Hãy tải tệp mẫu, điền mã, tên và loại của các xã, phường (mỗi đơn vị một dòng), rồi nhập tệp ở trên.',
    template: 'Tải tệp CSV mẫu',
    templateFile: 'xa-phuong-mau.csv',
    importTitle: 'Nhập danh sách từ tệp CSV',
    importHelp: 'Dòng đầu là tiêu đề code,name,type; cột type ghi "xã" hoặc "phường". Mã đã có sẽ được cập nhật tên và loại. Chỉ cần một dòng sai thì không dòng nào được nhập.',
    file: 'Tệp CSV',
    chooseFile: 'Chọn tệp CSV…',
    noFile: 'Chưa chọn tệp',
    import: 'Nhập từ CSV',
    imported: (created: number, updated: number, unchanged: number) =>
      `Đã nhập: ${created} mới, ${updated} cập nhật, ${unchanged} không đổi.`,
    rejected: (n: number) => `Không nhập dòng nào: tệp có ${n} lỗi. Sửa các dòng dưới đây rồi nhập lại.`,
    line: 'Dòng',
    column: 'Cột',
    problem: 'Lỗi',
    columns: { code: 'code (mã)', name: 'name (tên)', type: 'type (loại)', row: 'cả dòng' } as Record<string, string>,
    issues: {
      code: 'Mã trống hoặc sai dạng (chữ, số, _ hoặc -; tối đa 20 ký tự).',
      name: 'Tên trống hoặc dài quá 120 ký tự.',
      type: 'Loại phải là "xã" hoặc "phường".',
      row: 'Dòng không đọc được: cần tiêu đề code,name,type và đúng 3 cột mỗi dòng.',
    } as Record<string, string>,
    duplicate: (line: string) => `Mã trùng với dòng ${line}.`,
  },
} as const;

/** A ward-list CSV to start from (the header the import expects and two example rows). */
export const WARD_CSV_TEMPLATE = 'code,name,type\n00070,Phường Hoàn Kiếm,phường\n10015,Xã Sóc Sơn,xã\n';
