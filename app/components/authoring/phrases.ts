/**
 * Vietnamese words for CodeMirror's own interface (search panel, problem panel, screen-reader
 * announcements). Pass to `<MdxEditor phrases={EDITOR_PHRASES_VI}>` when the page is in Vietnamese;
 * English is CodeMirror's default. Kept outside the CodeMirror module so it costs nothing to import.
 */
export const EDITOR_PHRASES_VI: Record<string, string> = {
  Find: "Tìm",
  Replace: "Thay bằng",
  next: "tiếp",
  previous: "trước",
  all: "tất cả",
  "match case": "phân biệt hoa thường",
  regexp: "biểu thức chính quy",
  "by word": "nguyên từ",
  replace: "thay",
  "replace all": "thay tất cả",
  close: "đóng",
  "current match": "kết quả hiện tại",
  "on line": "ở dòng",
  "replaced match on line $": "đã thay ở dòng $",
  "replaced $ matches": "đã thay $ chỗ",
  "Go to line": "Đến dòng",
  go: "đi",
  Diagnostics: "Lỗi",
  "No diagnostics": "Không có lỗi",
  "Control character": "Ký tự điều khiển",
  "Selection deleted": "Đã xóa phần chọn",
  "folded code": "đoạn đã thu gọn",
  unfold: "mở ra",
  to: "đến",
};
