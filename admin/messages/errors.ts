// Vietnamese text of the API's error codes, shared by every view.
export const errorMessages = {
  errors: {
    disk_full: 'Ổ đĩa của máy chủ đã đầy nên chưa lưu được. Hãy báo quản trị hệ thống giải phóng dung lượng rồi thử lại.',
    storage_read_only: 'Ổ đĩa của máy chủ đang ở chế độ chỉ đọc nên chưa lưu được. Hãy báo quản trị hệ thống.',
    invalid_credentials: 'Sai tên đăng nhập hoặc mật khẩu.',
    unauthenticated: 'Phiên làm việc đã hết hạn. Hãy đăng nhập lại.',
    forbidden: 'Tài khoản của bạn không có quyền làm việc này.',
    password_change_required: 'Hãy đổi mật khẩu trước.',
    wrong_password: 'Mật khẩu hiện tại không đúng.',
    password_unchanged: 'Mật khẩu mới phải khác mật khẩu cũ.',
    nothing_to_publish: 'Không có thay đổi nào để xuất bản.',
    invalid_request: 'Dữ liệu chưa hợp lệ.',
    item_in_use: 'Nội dung này vẫn nằm trong một danh sách phát.',
    playlist_in_use: 'Danh sách này vẫn đang được lịch phát, màn hình hoặc thành phố dùng.',
    unknown_media: 'Ảnh hoặc video đã chọn không còn trong thư viện. Hãy chọn lại.',
    wrong_media_kind: 'Chỗ này cần ảnh (hoặc video) nhưng tệp đã chọn là loại khác.',
    media_in_use: 'Ảnh hoặc video này đang được dùng trong nội dung phát.',
    unknown_item: 'Danh sách phát có nội dung không còn tồn tại.',
    payload_too_large: 'Dữ liệu quá lớn.',
    screen_offline: 'Màn hình không kết nối: chỉ gửi lệnh được cho màn hình đang kết nối.',
    pairing_code_not_found: 'Không có màn hình nào đang hiện mã này. Kiểm tra lại mã trên màn hình.',
    pairing_expired: 'Mã này đã hết hạn. Màn hình sẽ tự hiện mã mới — hãy nhập mã mới.',
    pairing_already_claimed: 'Mã này đã được dùng để ghép nối.',
    too_many_attempts: 'Nhập sai mã quá nhiều lần. Hãy đợi ít phút rồi thử lại.',
    username_taken: 'Tên đăng nhập này đã có người dùng.',
    unknown_ward: 'Không có xã, phường với mã này.',
    own_account: 'Không thể tự khóa, đổi vai trò hay cấp lại mật khẩu cho chính mình ở đây.',
    user_not_found: 'Không tìm thấy tài khoản.',
    ward_exists: 'Đã có xã, phường với mã này.',
    ward_in_use: 'Xã, phường này còn màn hình hoặc người vận hành.',
    ward_not_found: 'Không tìm thấy xã, phường.',
    invalid_csv: 'Tệp CSV có dòng sai; chưa nhập dòng nào.',
    too_many_rows: 'Quá nhiều dòng khớp bộ lọc; hãy thu hẹp khoảng ngày.',
    unknown_playlist: 'Danh sách phát này không còn tồn tại.',
    unknown_screen: 'Lịch nhắm tới màn hình không tồn tại.',
    screen_outside_ward: 'Lịch của xã, phường chỉ phát trên màn hình của chính xã, phường đó.',
    schedule_not_found: 'Không tìm thấy lịch phát.',
    emergency_not_found: 'Không tìm thấy tin khẩn cấp (có thể đã được hủy).',
    screen_not_found: 'Không tìm thấy màn hình.',
    network: 'Không kết nối được máy chủ. Hãy thử lại.',
    unknown: 'Có lỗi xảy ra. Hãy thử lại.',
  } as Record<string, string>,
} as const;

/** An error code as Vietnamese text; an unknown code as the general one. */
export function errorText(code: string): string {
  return errorMessages.errors[code] ?? errorMessages.errors.unknown!;
}
