/** Messages of the operations pages (backups, issue 16). */
export const operationsVi = {
  "backups.title": "Sao lưu dữ liệu",
  "backups.intro":
    "Bản sao lưu toàn bộ cơ sở dữ liệu, được tạo tự động theo lịch ({schedule}) và giữ theo chế độ 7 ngày, 4 tuần, 12 tháng. Tệp chứa dữ liệu cá nhân của mọi người: chỉ tải về khi cần khôi phục, và giữ ở nơi an toàn.",
  "backups.empty": "Chưa có bản sao lưu nào. Người quản trị máy chủ có thể chạy: npm run db:backup",
  "backups.when": "Thời điểm",
  "backups.size": "Dung lượng",
  "backups.result": "Kết quả",
  "backups.offsite": "Bản sao ngoài máy chủ",
  "backups.file": "Tệp",
  "backups.ok": "Thành công",
  "backups.failed": "Thất bại: {error}",
  "backups.offsiteOk": "Đã sao chép",
  "backups.offsiteFailed": "Lỗi: {error}",
  "backups.offsiteNone": "Không cấu hình",
  "backups.download": "Tải về",
  "backups.removed": "Đã xóa theo chế độ lưu giữ",
  "backups.scheduleOff": "tắt",
  "audit.action.backup.download": "Tải về bản sao lưu",
} as const;

export const operationsEn: Record<keyof typeof operationsVi, string> = {
  "backups.title": "Backups",
  "backups.intro":
    "Backups of the whole database, taken on a schedule ({schedule}) and kept 7 days, 4 weeks and 12 months. A file holds everyone's personal data: download one only to restore it, and keep it somewhere safe.",
  "backups.empty": "No backup yet. The server's operator can run: npm run db:backup",
  "backups.when": "When",
  "backups.size": "Size",
  "backups.result": "Result",
  "backups.offsite": "Off-site copy",
  "backups.file": "File",
  "backups.ok": "Succeeded",
  "backups.failed": "Failed: {error}",
  "backups.offsiteOk": "Copied",
  "backups.offsiteFailed": "Error: {error}",
  "backups.offsiteNone": "Not configured",
  "backups.download": "Download",
  "backups.removed": "Removed by the retention policy",
  "backups.scheduleOff": "off",
  "audit.action.backup.download": "Downloaded a backup",
};
