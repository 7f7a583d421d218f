import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as home from "~/routes/_index";
import * as coursePage from "~/routes/courses.$slug._index";
import * as lessonPage from "~/routes/courses.$slug.$lesson";
import * as media from "~/routes/courses.$slug.media.$name";
import { importContent } from "~/services/content-import.server";
import { getDb } from "~/utils/db.server";
import { splitFrontmatter } from "~/utils/mdx.server";
import { compiledMdx, courses, courseVersions } from "../../db/schema";
import { cookieFor, get, post, run } from "../setup/requests";

const CONTENT = path.resolve("content");

function copyContent(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
  fs.cpSync(CONTENT, path.join(dir, "content"), { recursive: true });
  return path.join(dir, "content");
}

const versionsOf = (slug: string) =>
  getDb()
    .select({ number: courseVersions.number })
    .from(courseVersions)
    .innerJoin(courses, eq(courses.id, courseVersions.courseId))
    .where(eq(courses.slug, slug))
    .all()
    .map((v) => v.number);

describe("content import", () => {
  it("publishes the three seed courses, each with lessons and a question bank", () => {
    const rows = getDb().select({ slug: courses.slug }).from(courses).all();
    expect(rows.map((r) => r.slug).sort()).toEqual([
      "can-bo-cap-tinh-huyen",
      "can-bo-cap-xa",
      "cong-tac-vien-thon-ban",
    ]);
  });

  it("is idempotent: importing the same folder again changes nothing and compiles nothing", async () => {
    const compiledBefore = getDb().select().from(compiledMdx).all().length;
    const outcomes = await importContent(CONTENT);
    expect(outcomes.map((o) => o.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(getDb().select().from(compiledMdx).all().length).toBe(compiledBefore);
    expect(versionsOf("can-bo-cap-xa")).toEqual([1]);
  });

  it("detects a changed lesson, publishes a new version and compiles only that lesson", async () => {
    const root = copyContent();
    const lesson = path.join(root, "can-bo-cap-xa/lessons/01-vai-tro-nhiem-vu.mdx");
    fs.appendFileSync(lesson, "\n\nMột đoạn mới được thêm vào.\n");
    const outcomes = await importContent(root);
    const changed = outcomes.find((o) => o.slug === "can-bo-cap-xa");
    expect(changed).toMatchObject({ status: "published", version: 2, compiled: 1 });
    expect(outcomes.filter((o) => o.status === "unchanged")).toHaveLength(2);
    expect(versionsOf("can-bo-cap-xa")).toEqual([1, 2]);
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });

  it("refuses a broken course with file, line and column, keeping its last good version", async () => {
    const root = copyContent();
    const file = path.join(root, "cong-tac-vien-thon-ban/lessons/02-nhan-biet-dau-hieu.mdx");
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines.splice(6, 0, "", "<script>alert('x')</script>", "");
    fs.writeFileSync(file, lines.join("\n"));
    fs.writeFileSync(
      path.join(root, "cong-tac-vien-thon-ban/questions.yaml"),
      "questions:\n  - id: a\n    type: single\n    text: Hỏi?\n",
    );
    const outcomes = await importContent(root);
    const broken = outcomes.find((o) => o.slug === "cong-tac-vien-thon-ban");
    expect(broken?.status).toBe("invalid");
    if (broken?.status !== "invalid") return;
    const rel = path.relative(path.dirname(root), file);
    expect(broken.problems).toContainEqual({
      file: rel,
      line: 8,
      column: 1,
      message: "Thành phần <script> không nằm trong danh sách được phép.",
    });
    expect(
      broken.problems.some(
        (p) => p.file.endsWith("questions.yaml") && p.line === 2 && /Giải thích: chưa có/.test(p.message),
      ),
    ).toBe(true);
    expect(versionsOf("cong-tac-vien-thon-ban")).toEqual([1]);
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });
});

describe("content import runs no code and parses no tags", () => {
  it("refuses a ---js block in a lesson body, in a course introduction and at the top of a lesson file, and runs none", async () => {
    const root = copyContent();
    const marker = path.join(path.dirname(root), "ran");
    const write = `require('fs').writeFileSync('${marker}', 'ran')`;
    const withBody = (file: string, body: string) => {
      const { frontmatter } = splitFrontmatter(fs.readFileSync(file, "utf8"));
      fs.writeFileSync(file, `---\n${frontmatter}\n---\n${body}`);
      return (frontmatter ?? "").split("\n").length + 3;
    };
    const lesson = path.join(root, "can-bo-cap-xa/lessons/01-vai-tro-nhiem-vu.mdx");
    const lessonLine = withBody(lesson, `---js\n${write}\n---\n\nXin chào.\n`);
    const course = path.join(root, "can-bo-cap-tinh-huyen/course.md");
    const courseLine = withBody(course, `\n---javascript\n${write}\n---\n`);
    const bare = path.join(root, "cong-tac-vien-thon-ban/lessons/01-tre-em-va-nguy-co.mdx");
    fs.writeFileSync(bare, `---js\n${write}\n---\n\nXin chào.\n`);

    const before = versionsOf("can-bo-cap-xa");
    const outcomes = await importContent(root);
    const problemsOf = (slug: string) => {
      const outcome = outcomes.find((o) => o.slug === slug);
      expect(outcome?.status, slug).toBe("invalid");
      return outcome?.status === "invalid" ? outcome.problems : [];
    };
    const rel = (file: string) => path.relative(path.dirname(root), file);
    expect(problemsOf("can-bo-cap-xa")).toContainEqual(
      expect.objectContaining({
        file: rel(lesson),
        line: lessonLine,
        column: 1,
        message: expect.stringMatching(/"---js"/),
      }),
    );
    expect(problemsOf("can-bo-cap-tinh-huyen")).toContainEqual(
      expect.objectContaining({
        file: rel(course),
        line: courseLine + 1,
        message: expect.stringMatching(/"---javascript"/),
      }),
    );
    expect(problemsOf("cong-tac-vien-thon-ban")).toContainEqual({
      file: rel(bare),
      line: 1,
      column: 1,
      message: 'phần thông tin đầu tệp phải viết bằng YAML giữa hai dòng --- (không được mở bằng "---js")',
    });
    expect(fs.existsSync(marker)).toBe(false);
    expect(versionsOf("can-bo-cap-xa")).toEqual(before);
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });

  it("refuses YAML tags and deep nesting in questions.yaml and frontmatter, with line and column, quickly", async () => {
    const root = copyContent();
    const bank = path.join(root, "cong-tac-vien-thon-ban/questions.yaml");
    // A bank of its own, so the line and column do not depend on the course's questions.
    fs.writeFileSync(
      bank,
      [
        "questions:",
        "  - id: the-tag",
        "    type: true-false",
        "    text: Trẻ em là người dưới 16 tuổi.",
        "    answer: true",
        "    explanation: !!js/function 'function () { return 1 }'",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(root, "can-bo-cap-xa/questions.yaml"), `questions: ${"[".repeat(20_000)}`);
    const lesson = path.join(root, "can-bo-cap-tinh-huyen/lessons/01-khung-phap-ly.mdx");
    fs.writeFileSync(lesson, fs.readFileSync(lesson, "utf8").replace(/^minutes: (\d+)$/m, "minutes: !foo $1"));

    const started = performance.now();
    const outcomes = await importContent(root);
    expect(performance.now() - started).toBeLessThan(10_000);
    const problems = outcomes.flatMap((o) => (o.status === "invalid" ? o.problems : []));
    const rel = (file: string) => path.relative(path.dirname(root), file);
    expect(problems).toContainEqual({
      file: rel(bank),
      line: 6,
      column: 18,
      message: "YAML không hợp lệ: không được dùng thẻ !!js/function",
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: rel(path.join(root, "can-bo-cap-xa/questions.yaml")),
        line: 1,
        column: 28,
        message: "YAML không hợp lệ: lồng nhau quá sâu (tối đa 16 tầng)",
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: rel(lesson), message: "YAML không hợp lệ: không được dùng thẻ !foo" }),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["invalid", "invalid", "invalid"]);
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });
});

describe("the learner's journey", () => {
  it("shows a commune officer the commune course, not the provincial one", async () => {
    const cookie = await cookieFor("learner");
    const page = await (await run(home.loader, get("/", cookie))).json();
    expect(page.courses.map((c: { slug: string }) => c.slug)).toEqual(["can-bo-cap-xa"]);
    expect(
      (await run(coursePage.loader, get("/courses/can-bo-cap-xa", cookie), { slug: "can-bo-cap-xa" })).status,
    ).toBe(200);
    const other = await run(coursePage.loader, get("/courses/can-bo-cap-tinh-huyen", cookie), {
      slug: "can-bo-cap-tinh-huyen",
    });
    expect(other.status).toBe(404);
    const lesson = await run(lessonPage.loader, get("/courses/can-bo-cap-tinh-huyen/khung-phap-ly", cookie), {
      slug: "can-bo-cap-tinh-huyen",
      lesson: "khung-phap-ly",
    });
    expect(lesson.status).toBe(404);
  });

  it("shows the province manager the provincial course", async () => {
    const cookie = await cookieFor("manager");
    const page = await (await run(home.loader, get("/", cookie))).json();
    expect(page.courses.map((c: { slug: string }) => c.slug)).toEqual(["can-bo-cap-tinh-huyen"]);
  });

  it("records reads on the server, idempotently, and resumes at the next unread lesson", async () => {
    const cookie = await cookieFor("learner2");
    const slug = "can-bo-cap-xa";
    const overview = await (await run(coursePage.loader, get(`/courses/${slug}`, cookie), { slug })).json();
    const [first, second, third] = overview.lessons as { key: string }[];
    expect(overview.progress).toMatchObject({ read: 0, resumeKey: first?.key });

    const lesson = await run(lessonPage.loader, get(`/courses/${slug}/${first?.key}`, cookie), {
      slug,
      lesson: first?.key as string,
    });
    const body = await lesson.json();
    expect(body.lesson.html).toMatch(/^<h2/);
    expect(body.lesson.html).not.toMatch(/<script/i);
    expect(JSON.stringify(body)).not.toContain("---\ntitle:");

    for (const key of [first?.key, first?.key, second?.key]) {
      const done = await run(lessonPage.action, post(`/courses/${slug}/${key}`, {}, { cookie }), {
        slug,
        lesson: key as string,
      });
      expect(done.status).toBe(302);
    }
    const after = await (await run(coursePage.loader, get(`/courses/${slug}`, cookie), { slug })).json();
    expect(after.progress).toMatchObject({ read: 2, resumeKey: third?.key, started: true });
  });

  it("answers 404 for unknown lessons and malformed slugs", async () => {
    const cookie = await cookieFor("learner");
    for (const [slug, lesson] of [
      ["can-bo-cap-xa", "khong-co"],
      ["can-bo-cap-xa", "../etc"],
      ["CAN", "x"],
    ]) {
      const response = await run(lessonPage.loader, get(`/courses/${slug}/${lesson}`, cookie), {
        slug: slug as string,
        lesson: lesson as string,
      });
      expect(response.status, `${slug}/${lesson}`).toBe(404);
    }
  });

  it("serves a course picture sandboxed, with an ETag, only to people who may open the course", async () => {
    const cookie = await cookieFor("learner");
    const slug = "can-bo-cap-xa";
    const name = fs.readdirSync(path.join(CONTENT, slug, "media"))[0] as string;
    const response = await run(media.loader, get(`/courses/${slug}/media/${name}`, cookie), { slug, name });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Security-Policy")).toContain("sandbox");
    const etag = response.headers.get("ETag") as string;
    const again = new Request(`http://localhost:3000/courses/${slug}/media/${name}`, {
      headers: { Cookie: cookie, "If-None-Match": etag },
    });
    expect((await run(media.loader, again, { slug, name })).status).toBe(304);
    const manager = await cookieFor("manager");
    expect((await run(media.loader, get(`/courses/${slug}/media/${name}`, manager), { slug, name })).status).toBe(404);
  });
});
