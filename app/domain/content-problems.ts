/**
 * Problems in a course's files said in the trainer's words: which question or setting, which
 * field, and what is wrong, instead of zod's "questions.2.options: Array must contain at least
 * 1 element(s)". Pure: used by the content importer (files and browser alike) and the question form.
 */
import type { z } from "zod";

type Path = readonly (string | number)[];

/** The names trainers see on the forms, for the fields of course.md, lessons and questions.yaml. */
export const FIELD_NAMES: Record<string, string> = {
  slug: "Địa chỉ khóa học",
  title: "Tên",
  summary: "Tóm tắt",
  audience: "Đối tượng",
  tiers: "Các cấp",
  positions: "Các chức danh",
  estimatedMinutes: "Thời lượng (phút)",
  certificateValidityMonths: "Thời hạn chứng nhận (tháng)",
  passMark: "Điểm đạt (%)",
  inPerson: "Tập huấn trực tiếp",
  version: "Số phiên bản",
  quiz: "Bài kiểm tra",
  questionCount: "Số câu mỗi lần kiểm tra",
  maxAttempts: "Số lần làm tối đa",
  retryWaitMinutes: "Thời gian chờ giữa hai lần làm",
  timeLimitMinutes: "Giới hạn thời gian",
  perTopic: "Rút đều theo chủ đề",
  minutes: "Số phút đọc",
  questions: "Các câu hỏi",
  id: "Mã câu hỏi",
  type: "Loại câu hỏi",
  topic: "Chủ đề",
  text: "Nội dung",
  explanation: "Giải thích",
  options: "Các lựa chọn",
  correct: "Đánh dấu đúng",
  answer: "Đáp án",
  scoring: "Cách chấm điểm",
};

const TYPE_NAMES: Record<string, string> = {
  single: "một đáp án đúng",
  multiple: "nhiều đáp án đúng",
  "true-false": "đúng/sai",
  scenario: "tình huống",
  "all-or-nothing": "đúng hết mới có điểm",
  partial: "điểm theo từng ý",
  attendance: "dự đủ buổi",
  "attendance-and-quiz": "dự đủ buổi và đạt bài kiểm tra",
};

function idAt(value: unknown, path: Path): string | null {
  let node: unknown = value;
  for (const step of path) {
    if (node === null || typeof node !== "object") return null;
    node = (node as Record<string | number, unknown>)[step];
  }
  if (node && typeof node === "object" && "id" in node) {
    const id = (node as { id: unknown }).id;
    return typeof id === "string" || typeof id === "number" ? String(id) : null;
  }
  return null;
}

/**
 * Where in the file a path points, in words: `Câu 3 (mã "lang-nghe"), ý 2, lựa chọn 1, Nội dung`.
 * `value` is the parsed file (to name a question by its code).
 */
export function sayWhere(path: Path, value: unknown): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const next = path[i + 1];
    if (step === "questions" && typeof next === "number") {
      const id = idAt(value, path.slice(0, i + 2));
      parts.push(`${parts.length === 0 ? "Câu" : "ý"} ${next + 1}${id ? ` (mã "${id}")` : ""}`);
      i++;
    } else if (step === "options" && typeof next === "number") {
      parts.push(`lựa chọn ${next + 1}`);
      i++;
    } else if (step === "audience" || step === "quiz") {
      // A group, not a field a trainer sees: the field inside names itself.
    } else if (typeof step === "string") {
      parts.push(FIELD_NAMES[step] ?? step);
    } else if (typeof step === "number") {
      parts.push(`mục ${step + 1}`);
    }
  }
  return parts.join(", ");
}

/** What is wrong, in words (without where). Messages our schemas already give in Vietnamese pass through. */
export function sayIssue(issue: z.ZodIssue): string {
  const last = issue.path[issue.path.length - 1];
  const isOptions = last === "options";
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined") return "chưa có (bắt buộc)";
      if (issue.expected === "integer") return "phải là số nguyên";
      if (issue.expected === "number") return "phải là một số";
      if (issue.expected === "boolean") return "phải là true (đúng) hoặc false (sai)";
      if (issue.expected === "string") return "phải là chữ";
      if (issue.expected === "array") return "phải là một danh sách";
      return "không đúng kiểu";
    case "too_small":
      if (issue.type === "array")
        return isOptions ? `cần ít nhất ${issue.minimum} lựa chọn` : `cần ít nhất ${issue.minimum} mục`;
      if (issue.type === "string")
        return Number(issue.minimum) <= 1 ? "không được để trống" : `cần ít nhất ${issue.minimum} ký tự`;
      return `phải từ ${issue.minimum} trở lên`;
    case "too_big":
      if (issue.type === "array")
        return isOptions ? `nhiều nhất ${issue.maximum} lựa chọn` : `nhiều nhất ${issue.maximum} mục`;
      if (issue.type === "string") return `dài quá ${issue.maximum} ký tự`;
      return `không được quá ${issue.maximum}`;
    case "invalid_enum_value":
      return `chỉ được chọn: ${issue.options.map((o) => TYPE_NAMES[String(o)] ?? String(o)).join(", ")}`;
    case "invalid_union_discriminator":
      return `loại câu hỏi phải là: ${issue.options.map((o) => TYPE_NAMES[String(o)] ?? String(o)).join(", ")}`;
    case "invalid_literal":
      return "giá trị không hợp lệ";
    case "unrecognized_keys":
      return `có mục không dùng được: ${issue.keys.join(", ")} (xóa đi hoặc kiểm tra chính tả)`;
    case "invalid_union":
      return "không đúng dạng cho phép";
    default:
      // Our own messages (regex, refine) are written in Vietnamese already.
      return /[à-ỹđ]/i.test(issue.message) ? issue.message : "không hợp lệ";
  }
}

/** The whole sentence: "Câu 3 (mã "lang-nghe"), Các lựa chọn: cần ít nhất 2 lựa chọn". */
export function sayProblem(path: Path, message: string, value: unknown): string {
  const where = sayWhere(path, value);
  return where ? `${where}: ${message}` : message;
}

export type ProblemPlace =
  | { kind: "lesson"; key: string }
  | { kind: "questions" }
  | { kind: "settings" }
  | { kind: "other"; file: string };

/** Which part of the course a file is, for a trainer: a lesson (by key), the questions, the settings. */
export function problemPlace(file: string): ProblemPlace {
  const name = file.split("/").slice(-2).join("/");
  const lesson = /^lessons\/\d+-(.+)\.mdx$/.exec(name);
  if (lesson) return { kind: "lesson", key: lesson[1] as string };
  if (name.endsWith("questions.yaml")) return { kind: "questions" };
  if (name.endsWith("course.md")) return { kind: "settings" };
  return { kind: "other", file: file.split("/").pop() ?? file };
}
