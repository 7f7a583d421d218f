import { describe, expect, it } from "vitest";
import {
  CourseFrontmatterSchema,
  checkQuestionBank,
  orderLessons,
  parseLessonFilename,
  parseUserYaml,
  QuestionBankSchema,
  YAML_LIMITS,
} from "./course-format";

const course = {
  slug: "can-bo-cap-xa",
  title: "Khóa học",
  summary: "Tóm tắt",
  audience: { tiers: ["commune"], positions: ["commune_officer"] },
  estimatedMinutes: 60,
  certificateValidityMonths: 24,
  passMark: 80,
  quiz: { questionCount: 10, maxAttempts: 3, retryWaitMinutes: 60 },
};

describe("course frontmatter", () => {
  it("accepts a complete course and normalises text to NFC", () => {
    const parsed = CourseFrontmatterSchema.parse({ ...course, title: " Bảo vệ trẻ em ".normalize("NFD") });
    expect(parsed.title).toBe("Bảo vệ trẻ em");
  });

  it("refuses missing settings, unknown keys, bad slugs and impossible pass marks", () => {
    const { passMark: _drop, ...withoutPassMark } = course;
    expect(CourseFrontmatterSchema.safeParse(withoutPassMark).success).toBe(false);
    expect(CourseFrontmatterSchema.safeParse({ ...course, colour: "red" }).success).toBe(false);
    expect(CourseFrontmatterSchema.safeParse({ ...course, slug: "Cán bộ" }).success).toBe(false);
    expect(CourseFrontmatterSchema.safeParse({ ...course, passMark: 120 }).success).toBe(false);
    expect(CourseFrontmatterSchema.safeParse({ ...course, quiz: { ...course.quiz, maxAttempts: 0 } }).success).toBe(
      false,
    );
  });
});

describe("question bank", () => {
  const single = (id: string, correct: number[]) => ({
    id,
    type: "single",
    text: "Câu hỏi?",
    explanation: "Vì thế.",
    options: ["A", "B", "C"].map((text, i) => ({ text, correct: correct.includes(i) })),
  });

  it("parses every question type", () => {
    const bank = QuestionBankSchema.parse({
      questions: [
        single("a", [0]),
        { ...single("b", [0, 2]), type: "multiple", scoring: "partial" },
        { id: "c", type: "true-false", text: "Đúng?", answer: true, explanation: "Đúng." },
        { id: "d", type: "scenario", text: "Tình huống", explanation: "Giải thích", questions: [single("d-1", [1])] },
      ],
    });
    expect(bank.questions.map((q) => q.type)).toEqual(["single", "multiple", "true-false", "scenario"]);
    expect(checkQuestionBank(bank)).toEqual([]);
  });

  it("refuses an empty explanation", () => {
    expect(QuestionBankSchema.safeParse({ questions: [{ ...single("a", [0]), explanation: "  " }] }).success).toBe(
      false,
    );
  });

  it("finds duplicate ids, wrong numbers of correct options and repeated options", () => {
    const bank = QuestionBankSchema.parse({
      questions: [
        single("a", [0, 1]),
        { ...single("a", []), type: "multiple" },
        {
          ...single("c", [0]),
          options: [
            { text: "Có", correct: true },
            { text: "có", correct: false },
          ],
        },
        { id: "d", type: "scenario", text: "T", explanation: "G", questions: [single("a", [])] },
      ],
    });
    expect(checkQuestionBank(bank).map((p) => [p.path.join("."), p.message])).toEqual([
      ["questions.0.options", "câu một lựa chọn phải có đúng 1 đáp án đúng (đang có 2)"],
      ["questions.1.id", 'mã câu hỏi "a" bị trùng'],
      ["questions.1.options", "câu nhiều lựa chọn phải có ít nhất 1 đáp án đúng"],
      ["questions.2.options.1", 'lựa chọn "có" bị lặp'],
      ["questions.3.questions.0.id", 'mã câu hỏi "a" bị trùng'],
      ["questions.3.questions.0.options", "câu một lựa chọn phải có đúng 1 đáp án đúng (đang có 0)"],
    ]);
  });
});

describe("lesson files", () => {
  it("takes order from the number and identity from the rest of the name", () => {
    expect(parseLessonFilename("03-quy-trinh.mdx")).toEqual({ position: 3, key: "quy-trinh" });
    expect(parseLessonFilename("quy-trinh.mdx")).toBeNull();
    expect(parseLessonFilename("01-Quy-Trình.mdx")).toBeNull();
    expect(parseLessonFilename("02-media.mdx")).toBeNull();
  });

  it("orders by number, not by name, and reports clashes", () => {
    const lessons = [
      { position: 10, key: "cuoi", file: "10-cuoi.mdx" },
      { position: 2, key: "giua", file: "2-giua.mdx" },
      { position: 1, key: "dau", file: "01-dau.mdx" },
    ];
    expect(orderLessons(lessons).ordered.map((l) => l.key)).toEqual(["dau", "giua", "cuoi"]);
    const clash = orderLessons([...lessons, { position: 2, key: "dau", file: "02-dau.mdx" }]);
    expect(clash.problems.map((p) => p.message)).toEqual([
      "trùng số thứ tự 2 với 02-dau.mdx",
      'trùng mã bài "dau" với 01-dau.mdx',
    ]);
  });
});

describe("YAML written by people", () => {
  const refusal = (source: string) => {
    const parsed = parseUserYaml(source);
    return parsed.ok ? null : parsed.problems[0];
  };

  it("reads plain YAML and says where each value lies", () => {
    const parsed = parseUserYaml("title: Bài một\nminutes: 5\ntags: [a, {b: c}]\n");
    expect(parsed.ok && parsed.value).toEqual({ title: "Bài một", minutes: 5, tags: ["a", { b: "c" }] });
    expect(parsed.ok && parsed.locate(["minutes"])).toEqual({ line: 2, column: 10 });
    expect(parsed.ok && parsed.locate(["tags", 1, "b"])).toEqual({ line: 3, column: 15 });
  });

  it("refuses every explicit tag and directive, with its line and column", () => {
    const cases: [string, number, number, string][] = [
      ["a: 1\nrun: !!js/function 'function () { return 1 }'\n", 2, 6, "!!js/function"],
      ["a: !!js/undefined ''\n", 1, 4, "!!js/undefined"],
      ["a: !!python/object:os.system ls\n", 1, 4, "!!python/object:os.system"],
      ["a: !foo bar\n", 1, 4, "!foo"],
      ["a: !<tag:yaml.org,2002:js/regexp> /x/\n", 1, 4, "!<tag:yaml.org,2002:js/regexp>"],
      ["a: !!str 1\n", 1, 4, "!!str"],
      ["- !!binary aGk=\n", 1, 3, "!!binary"],
    ];
    for (const [source, line, column, tag] of cases) {
      expect(refusal(source), source).toEqual({
        line,
        column,
        message: `YAML không hợp lệ: không được dùng thẻ ${tag}`,
      });
    }
    expect(refusal("%TAG !e! tag:example.com,2000:\n---\na: 1\n")?.message).toMatch(/chỉ thị %TAG/);
    expect(refusal("%YAML 1.1\n---\na: 1\n")?.message).toMatch(/chỉ thị %YAML/);
  });

  it("keeps `<<` a plain key (no merging), refuses alias bombs, repeated keys, non-string keys and a second document", () => {
    expect(parseUserYaml("base: &b {a: 1}\nx:\n  <<: *b\n")).toMatchObject({
      ok: true,
      value: { base: { a: 1 }, x: { "<<": { a: 1 } } },
    });
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
    ].join("\n");
    expect(refusal(bomb)?.message).toMatch(/quá nhiều bí danh/);
    expect(refusal("a: 1\na: 2\n")).toMatchObject({ line: 2, column: 1 });
    expect(refusal("? [a]\n: 1\n")?.message).toMatch(/keys must be strings/);
    expect(refusal("a: 1\n---\nb: 2\n")).toMatchObject({ line: 2, message: /một tài liệu/ });
  });

  it("refuses deep nesting before building the document (a few thousand `[` overflowed the builder), quickly", () => {
    const started = performance.now();
    expect(refusal("[".repeat(200_000))).toMatchObject({ line: 1, column: YAML_LIMITS.maxDepth + 1 });
    expect(refusal(`a: ${"{b: ".repeat(10_000)}`)?.message).toMatch(/lồng nhau quá sâu/);
    expect(refusal(`${"- ".repeat(100_000)}a`)).toMatchObject({ line: 1, column: 2 * YAML_LIMITS.maxDepth + 1 });
    const indented = Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n");
    expect(refusal(indented)?.message).toMatch(/lồng nhau quá sâu/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parseUserYaml(`${"[".repeat(YAML_LIMITS.maxDepth)}1${"]".repeat(YAML_LIMITS.maxDepth)}`).ok).toBe(true);
  });

  it("refuses a file over 256 KB", () => {
    expect(refusal(`a: "${"x".repeat(256 * 1024)}"`)?.message).toMatch(/quá dài \(tối đa 256 KB\)/);
  });
});
