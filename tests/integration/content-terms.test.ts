/**
 * What a Department of Health reader checks before putting the courses in front of staff
 * (issue 13): the official terms of the 2025 arrangement, one spelling of tone marks in the
 * courses and the interface, no legal-quotation label typed into a lesson, every lesson's
 * sources listed, enough lessons and questions, and lesson keys kept so learners keep their
 * progress.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseUserYaml } from "~/domain/course-format";
import { translator } from "~/i18n";
import { importContent } from "~/services/content-import.server";

const CONTENT = path.resolve("content");
const COURSES = fs.readdirSync(CONTENT).filter((name) => fs.statSync(path.join(CONTENT, name)).isDirectory());

function filesUnder(dir: string, extensions: RegExp): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).flatMap((name) => {
    const file = path.join(dir, name);
    return fs.statSync(file).isFile() && extensions.test(file) ? [file] : [];
  });
}

/** Terms the review found wrong, with the right one. */
const WRONG_TERMS: [RegExp, string][] = [
  [/cơ quan phối hợp liên ngành/i, "tổ chức phối hợp liên ngành về trẻ em"],
  [/công chức phụ trách (công tác )?(bảo vệ )?trẻ em/i, "người làm công tác bảo vệ trẻ em cấp xã"],
  [/trạm trưởng trạm y tế/i, "trưởng trạm y tế xã"],
  [/trích văn bản pháp luật/i, 'a "Căn cứ pháp lý" callout, or the exact words in quotation marks'],
  [/chỉ có 3 số/i, "3 chữ số"],
];

/**
 * The older placement of a tone mark on the second vowel of an open oa, oe or uy ("khoá",
 * "hoà", "Uỷ"): legal texts write "khóa", "hòa", "Ủy". "quý" and "hoàng" are right in both.
 */
const OLD_STYLE_TONE = /(?<![qQ])(?:[oO][aAeE]|[uU][yY])(?:\u0300|\u0301|\u0303|\u0309|\u0323)(?![\p{L}\p{M}])/u;

function oldStyleWords(text: string): string[] {
  const words = text.normalize("NFD").match(/[\p{L}\p{M}]+/gu) ?? [];
  return [...new Set(words.filter((word) => OLD_STYLE_TONE.test(word)).map((word) => word.normalize("NFC")))];
}

/** A question bank's words, except the options marked wrong: a distractor may name the wrong term. */
function bankStrings(source: string): string[] {
  const bank = parseUserYaml(source);
  if (!bank.ok) throw new Error(bank.problems.map((p) => p.message).join("; "));
  const strings: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if ("correct" in record || ("text" in record && Object.keys(record).every((k) => k === "text"))) {
        if (record.correct === true) strings.push(String(record.text));
        return;
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(bank.value);
  return strings;
}

describe("the courses' words", () => {
  const lessonFiles = filesUnder(CONTENT, /\.(mdx|md|svg|txt|csv)$/).filter((f) => !f.endsWith("SOURCES.md"));

  it("use the official terms, never the ones the review found wrong", () => {
    const found: string[] = [];
    const scan = (file: string, texts: string[]) => {
      for (const text of texts) {
        for (const [wrong, right] of WRONG_TERMS) {
          const match = wrong.exec(text);
          if (match) found.push(`${path.relative(CONTENT, file)}: "${match[0]}" → ${right}`);
        }
      }
    };
    for (const file of lessonFiles) scan(file, [fs.readFileSync(file, "utf8")]);
    for (const course of COURSES) {
      const bank = path.join(CONTENT, course, "questions.yaml");
      scan(bank, bankStrings(fs.readFileSync(bank, "utf8")));
    }
    expect(found).toEqual([]);
  });

  it("write tone marks one way, in the courses and in the interface", () => {
    const files = [
      ...filesUnder(CONTENT, /\.(mdx|md|yaml|svg|txt|csv)$/),
      ...filesUnder(path.resolve("app"), /\.(ts|tsx)$/).filter((f) => !/\.test\.tsx?$/.test(f)),
      path.resolve("db/seed.ts"),
    ];
    const found = files.flatMap((file) =>
      oldStyleWords(fs.readFileSync(file, "utf8")).map((word) => `${path.relative(".", file)}: ${word}`),
    );
    expect(found).toEqual([]);
    // The rule itself: the older spelling is found, the current one and "quý", "hoàng" are not.
    expect(oldStyleWords("Khoá học, hoà giải, Uỷ ban, thuỷ, khoẻ")).toEqual(["Khoá", "hoà", "Uỷ", "thuỷ", "khoẻ"]);
    expect(oldStyleWords("Khóa học, hòa giải, Ủy ban, thủy, khỏe, quý, hoàng, hoặc, khoảng, xoăn")).toEqual([]);
  });

  it("label the legal basis from one place: the interface's catalogue", () => {
    expect(translator("vi")("mdx.callout.law")).toBe("Căn cứ pháp lý");
    for (const file of lessonFiles) expect(fs.readFileSync(file, "utf8")).not.toMatch(/trích văn bản/i);
  });
});

describe("the courses as a whole", () => {
  it("pass every check of the importer, with at least 24 lessons and 140 questions, each explained", async () => {
    const outcomes = await importContent(CONTENT, { dryRun: true });
    expect(outcomes.filter((o) => o.status === "invalid")).toEqual([]);
    const lessons = COURSES.flatMap((course) => fs.readdirSync(path.join(CONTENT, course, "lessons")));
    expect(lessons.length).toBeGreaterThanOrEqual(24);
    let questions = 0;
    for (const course of COURSES) {
      const bank = parseUserYaml(fs.readFileSync(path.join(CONTENT, course, "questions.yaml"), "utf8"));
      if (!bank.ok) throw new Error(course);
      for (const question of (bank.value as { questions: { explanation?: string }[] }).questions) {
        questions++;
        expect(question.explanation?.trim()).toBeTruthy();
      }
    }
    expect(questions).toBeGreaterThanOrEqual(140);
  });

  it("list the sources of every lesson in content/SOURCES.md", () => {
    const sources = fs.readFileSync(path.join(CONTENT, "SOURCES.md"), "utf8");
    for (const course of COURSES) {
      expect(sources).toContain(`## ${course}`);
      for (const lesson of fs.readdirSync(path.join(CONTENT, course, "lessons"))) {
        expect(sources, `${course}/${lesson}`).toContain(`### lessons/${lesson}`);
      }
    }
  });

  it("keep every lesson key learners already have progress on (progress follows the key)", () => {
    // The lessons of the versions published before issue 13.
    const earlier: Record<string, string[]> = {
      "can-bo-cap-xa": [
        "vai-tro-nhiem-vu",
        "quy-trinh-ho-tro-can-thiep",
        "danh-gia-nguy-co-bao-ve-khan-cap",
        "tiep-nhan-tin-bao-tong-dai-111",
        "ho-so-va-bao-mat",
      ],
      "cong-tac-vien-thon-ban": [
        "tre-em-va-nguy-co",
        "nhan-biet-dau-hieu",
        "bao-tin-ngay",
        "sau-khi-bao-tin",
        "dong-hanh-cung-tre",
      ],
      "can-bo-cap-tinh-huyen": [
        "khung-phap-ly",
        "quy-trinh-ho-tro-can-thiep",
        "to-chuc-bo-may-2025",
        "phoi-hop-lien-nganh",
        "chuong-trinh-chi-tieu",
        "theo-doi-bao-cao",
      ],
    };
    for (const [course, keys] of Object.entries(earlier)) {
      const now = fs
        .readdirSync(path.join(CONTENT, course, "lessons"))
        .map((file) => file.replace(/^\d+-|\.mdx$/g, ""));
      for (const key of keys) expect(now, `${course}: ${key}`).toContain(key);
    }
  });
});
