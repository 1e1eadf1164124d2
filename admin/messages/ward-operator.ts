// Vietnamese text of the admin page as a ward operator sees it. English identifiers; Vietnamese only here.
/** What a ward official reads: whose ward they work for, how to start, where publishing goes. */
export const wardMessages = {
  /** Beside the user name in the header. */
  workingFor: (ward: string) => `Làm việc cho ${ward}`,
  content: {
    heading: (ward: string) => `Tin của ${ward}`,
    empty: (ward: string) =>
      `${ward} chưa có danh sách tin riêng: hãy tạo danh sách, thêm khẩu hiệu hay thông báo, rồi đặt lịch phát và xuất bản để các màn hình của phường/xã phát xen giữa tin của thành phố.`,
    create: 'Tạo danh sách tin của phường/xã',
    defaultName: (ward: string) => `Tin riêng của ${ward}`,
    created: 'Đã tạo danh sách tin. Hãy thêm tin ở phía dưới.',
    choose: 'Danh sách tin',
    newList: 'Thêm danh sách khác',
    publishHint: 'Xuất bản chỉ gửi tin của phường/xã bạn, tới các màn hình của phường/xã bạn.',
    published: (revision: number, ward: string) => `Đã xuất bản phiên bản ${revision}: chỉ các màn hình của ${ward} nhận tin này.`,
  },
  schedule: {
    target: 'Phát trên',
    targetFixed: (ward: string) => `Mọi màn hình của ${ward}`,
    tierFixed: 'Thông thường (tin của phường/xã luôn ở mức thông thường)',
    ownerFixed: (ward: string) => `Tin riêng của ${ward}`,
    noPlaylist: 'Chưa có danh sách tin nào của phường/xã: hãy tạo ở mục «Nội dung» trước.',
    share: (everyCityItems: number, maxPercent: number, ward: string) =>
      `Tin của ${ward} được phát xen vào sau mỗi ${everyCityItems} tin của thành phố, và chiếm tối đa ${maxPercent}% thời lượng phát trên màn hình của phường/xã. Lịch nhiều hơn cũng không vượt quá mức này.`,
  },
  screens: {
    heading: (ward: string) => `Màn hình của ${ward}`,
  },
};
