// Vietnamese text for the browser's own form checks (required, lengths, patterns, numbers, web
// addresses), which would otherwise speak the browser's language (issue 12, item 9).
export const validityMessages = {
  missing: 'Hãy điền mục này.',
  missingChoice: 'Hãy chọn một mục trong danh sách.',
  missingFile: 'Hãy chọn một tệp.',
  missingCheck: 'Hãy đánh dấu ô này để tiếp tục.',
  tooShort: (min: number, now: number) => `Cần ít nhất ${min} ký tự (hiện có ${now}).`,
  tooLong: (max: number, now: number) => `Tối đa ${max} ký tự (hiện có ${now}).`,
  pattern: 'Giá trị chưa đúng dạng yêu cầu.',
  url: 'Hãy nhập một địa chỉ web đầy đủ, ví dụ https://tuyensinh.hanoi.gov.vn.',
  email: 'Hãy nhập một địa chỉ thư điện tử, ví dụ ten@hanoi.gov.vn.',
  notNumber: 'Hãy nhập một số.',
  under: (min: string) => `Giá trị nhỏ nhất là ${min}.`,
  over: (max: string) => `Giá trị lớn nhất là ${max}.`,
  step: 'Giá trị không hợp lệ cho ô này.',
} as const;
