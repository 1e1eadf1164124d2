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
    importTitle: 'Nhập danh sách từ tệp CSV',
    importHelp: 'Dòng đầu là tiêu đề code,name,type; cột type ghi "xã" hoặc "phường". Mã đã có sẽ được cập nhật tên và loại. Chỉ cần một dòng sai thì không dòng nào được nhập.',
    file: 'Tệp CSV',
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
