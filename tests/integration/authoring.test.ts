import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { courseProgress } from "~/domain/courses";
import { findCurrentCourse, listLessonOutlinesOf, listLessonReadsOf, recordLessonRead } from "~/models/courses.server";
import * as authorIndex from "~/routes/author._index";
import * as authorCourse from "~/routes/author.$slug._index";
import * as authorLesson from "~/routes/author.$slug.lessons.$key";
import * as authorPreview from "~/routes/author.$slug.preview";
import {
  addLesson,
  courseHistory,
  courseSettings,
  createCourse,
  draftQuestions,
  lessonDraft,
  previewLesson,
  publishDraft,
  publishedCourseFolders,
  rollbackTo,
  saveLesson,
  saveQuestion,
  saveSettings,
  uploadMedia,
} from "~/services/authoring.server";
import { checkCourseFiles, importContent, readCourseFolder, writeCourseFolder } from "~/services/content-import.server";
import { startAttempt, submitAttempt } from "~/services/quiz.server";
import { getDb } from "~/utils/db.server";
import { warmMdxWorkers } from "~/utils/mdx.server";
import { auditLog, courses, courseVersions } from "../../db/schema";
import { cookieFor, get, post, run } from "../setup/requests";
import { viewerFor } from "../setup/training";

const CONTENT = path.resolve("content");
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4c10000000049454e44ae426082",
  "hex",
);

function tempContentDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "export-")), "content");
}

const audit = (action: string) => getDb().select().from(auditLog).where(eq(auditLog.action, action)).all();

describe("course files round trip", () => {
  it("exports every published course byte for byte as in content/, and importing the export changes nothing", async () => {
    const out = tempContentDir();
    for (const { slug, files } of publishedCourseFolders()) writeCourseFolder(path.join(out, slug), files);
    for (const slug of fs.readdirSync(CONTENT).filter((n) => fs.statSync(path.join(CONTENT, n)).isDirectory())) {
      const original = readCourseFolder(path.join(CONTENT, slug));
      const exported = readCourseFolder(path.join(out, slug));
      expect([...exported.keys()].sort(), slug).toEqual([...original.keys()].sort());
      for (const [name, bytes] of original) expect(exported.get(name)?.equals(bytes), `${slug}/${name}`).toBe(true);
    }
    const outcomes = await importContent(out);
    expect(outcomes.map((o) => o.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});

describe("a trainer writes a course in the browser", () => {
  it("creates a course for their province, writes it, is told of errors with line and column, publishes, and the export re-imports as the same version", async () => {
    const trainer = viewerFor("trainer");
    expect(
      createCourse(trainer, { slug: "ky-nang-tham-van", title: "Kỹ năng tham vấn trẻ em", ownerUnitCode: "11" }),
    ).toEqual({
      ok: true,
      slug: "ky-nang-tham-van",
    });
    // Outside their province, or national: refused.
    expect(createCourse(trainer, { slug: "x-quoc-gia", title: "X", ownerUnitCode: null })).toMatchObject({ ok: false });
    expect(createCourse(trainer, { slug: "x-bac-ninh", title: "X", ownerUnitCode: "27" })).toMatchObject({ ok: false });

    const settings = courseSettings(trainer, "ky-nang-tham-van");
    expect(
      saveSettings(trainer, "ky-nang-tham-van", {
        revision: settings.revision,
        intro: "",
        frontmatter: {
          ...settings.frontmatter,
          audience: { tiers: ["commune"], positions: ["commune_officer"] },
          quiz: { questionCount: 1, maxAttempts: 3, retryWaitMinutes: 0 },
        },
      }),
    ).toEqual({ ok: true });
    const bank = draftQuestions(trainer, "ky-nang-tham-van");
    expect(
      saveQuestion(trainer, "ky-nang-tham-van", {
        revision: bank.revision,
        originalId: null,
        question: {
          id: "lang-nghe",
          type: "single",
          text: "Khi tham vấn trẻ, điều đầu tiên cần làm là gì?",
          explanation: "Lắng nghe để trẻ thấy an toàn.",
          options: [
            { text: "Lắng nghe trẻ", correct: true },
            { text: "Hỏi dồn dập", correct: false },
          ],
        },
      }),
    ).toEqual({ ok: true });
    expect(
      uploadMedia(trainer, "ky-nang-tham-van", { fileName: "Sơ đồ.png", bytes: PNG, altText: "Sơ đồ ba bước" }),
    ).toEqual({
      ok: true,
      name: "so-do.png",
    });
    // A picture whose bytes are not what its name says is refused.
    expect(
      uploadMedia(trainer, "ky-nang-tham-van", { fileName: "gia.png", bytes: Buffer.from("<script>"), altText: "x" }),
    ).toMatchObject({ ok: false, field: "file" });

    const lesson = lessonDraft(trainer, "ky-nang-tham-van", "gioi-thieu");
    const broken = saveLesson(trainer, "ky-nang-tham-van", "gioi-thieu", {
      title: "Giới thiệu",
      minutes: 10,
      body: "## Lắng nghe\n\nTrẻ cần được lắng nghe.\n\n<div>không được</div>\n",
      revision: lesson.revision,
    });
    expect(broken).toMatchObject({ ok: true });
    const refused = await publishDraft(trainer, "ky-nang-tham-van");
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.problems).toContainEqual(
        expect.objectContaining({ file: "ky-nang-tham-van/lessons/01-gioi-thieu.mdx", line: 10, column: 1 }),
      );

    const fixed = saveLesson(trainer, "ky-nang-tham-van", "gioi-thieu", {
      title: "Giới thiệu",
      minutes: 10,
      body: [
        "## Lắng nghe",
        "",
        '<CaseStudy title="Em M. không muốn nói">',
        "<Situation>Em M., 10 tuổi, im lặng khi được hỏi.</Situation>",
        "<Questions>1. Anh/chị bắt đầu thế nào?</Questions>",
        "<Discussion>Bắt đầu bằng lắng nghe.</Discussion>",
        "</CaseStudy>",
        "",
        '<Figure src="so-do.png" alt="Sơ đồ ba bước" />',
        "",
      ].join("\n"),
      revision: (broken as { revision: number }).revision,
    });
    expect(fixed).toMatchObject({ ok: true });
    const published = await publishDraft(trainer, "ky-nang-tham-van");
    expect(published).toEqual({ ok: true, version: 1 });
    expect(audit("course.publish").map((a) => a.entityId)).toContain("ky-nang-tham-van");

    // The learner of Điện Biên (a commune officer) sees it; one of Bắc Ninh does not.
    const home = await import("~/routes/_index");
    const slugsOf = async (username: string) =>
      ((await (await run(home.loader, get("/", await cookieFor(username)))).json()).courses as { slug: string }[]).map(
        (c) => c.slug,
      );
    expect(await slugsOf("learner")).toContain("ky-nang-tham-van");
    expect(await slugsOf("learner2")).not.toContain("ky-nang-tham-van");

    // Exported and read back, the folder hashes to the published version.
    const out = tempContentDir();
    const folder = publishedCourseFolders().find((f) => f.slug === "ky-nang-tham-van");
    if (!folder) throw new Error("not exported");
    writeCourseFolder(path.join(out, folder.slug), folder.files);
    const reread = await checkCourseFiles("ky-nang-tham-van", readCourseFolder(path.join(out, folder.slug)), "x");
    const version = getDb()
      .select({ hash: courseVersions.sourceHash })
      .from(courseVersions)
      .innerJoin(courses, eq(courses.id, courseVersions.courseId))
      .where(and(eq(courses.slug, "ky-nang-tham-van"), eq(courseVersions.number, 1)))
      .get();
    expect(reread.course?.sourceHash).toBe(version?.hash);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it("tells the second of two trainers saving one lesson who saved first, and loses neither text", () => {
    const trainer = viewerFor("trainer");
    const admin = viewerFor("admin");
    addLesson(trainer, "ky-nang-tham-van", { key: "cung-lam", title: "Cùng làm" });
    const opened = lessonDraft(trainer, "ky-nang-tham-van", "cung-lam").revision;
    const first = saveLesson(admin, "ky-nang-tham-van", "cung-lam", {
      title: "Cùng làm",
      minutes: 5,
      body: "Bản của quản trị viên.\n",
      revision: opened,
    });
    expect(first.ok).toBe(true);
    const second = saveLesson(trainer, "ky-nang-tham-van", "cung-lam", {
      title: "Cùng làm",
      minutes: 5,
      body: "Bản của giảng viên.\n",
      revision: opened,
    });
    expect(second.ok).toBe(false);
    if (second.ok || !("conflict" in second)) throw new Error("expected a conflict");
    expect(second.conflict?.updatedByName).toBe("Trần Thị Minh Hằng");
    expect(second.conflict?.body).toBe("Bản của quản trị viên.\n");
    // Deciding to keep theirs, the second trainer overwrites knowingly from the new revision.
    const overwrite = saveLesson(trainer, "ky-nang-tham-van", "cung-lam", {
      title: "Cùng làm",
      minutes: 5,
      body: "Bản của giảng viên.\n",
      revision: second.conflict?.revision as number,
    });
    expect(overwrite.ok).toBe(true);
    expect(lessonDraft(trainer, "ky-nang-tham-van", "cung-lam").body).toBe("Bản của giảng viên.\n");
  });

  it("keeps a learner's progress and attempt in progress across a new version, and rolls back as a new version", async () => {
    const admin = viewerFor("admin");
    const learner = viewerFor("learner");
    const slug = "can-bo-cap-xa";
    const before = findCurrentCourse(slug);
    if (!before) throw new Error("no course");
    const lessons = listLessonOutlinesOf(before.versionId);
    recordLessonRead(learner.user.id, before.courseId, lessons[0]?.key as string);
    const started = startAttempt(learner, slug);
    if (!started.ok) throw new Error("could not start");

    const lesson = lessonDraft(admin, slug, lessons[1]?.key as string);
    expect(
      saveLesson(admin, slug, lesson.key, {
        title: lesson.title,
        minutes: lesson.minutes,
        body: `${lesson.body}\nMột đoạn mới.\n`,
        revision: lesson.revision,
      }).ok,
    ).toBe(true);
    expect(await publishDraft(admin, slug)).toEqual({ ok: true, version: 2 });
    const after = findCurrentCourse(slug);
    expect(after?.versionNumber).toBe(2);
    const progress = courseProgress(
      listLessonOutlinesOf(after?.versionId as number),
      listLessonReadsOf(learner.user.id, before.courseId),
    );
    expect(progress.read).toBe(1);
    // The attempt drawn from version 1 is still scored against its own questions.
    const submitted = submitAttempt(learner, slug, started.attemptId, {});
    expect(submitted.scoredNow).toBe(true);
    expect(submitted.attempt.courseVersionId).toBe(before.versionId);

    const rolled = await rollbackTo(admin, slug, 1);
    expect(rolled).toEqual({ ok: true, version: 3 });
    const history = courseHistory(admin, slug).versions;
    expect(history.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(history[0]?.sourceHash).toBe(history[2]?.sourceHash);
    expect(audit("course.rollback")).toHaveLength(1);

    // Unpublished work in the draft is not thrown away by a restore unless the author says so.
    const edited = lessonDraft(admin, slug, lessons[1]?.key as string);
    saveLesson(admin, slug, edited.key, { ...edited, body: `${edited.body}\nChưa xuất bản.\n` });
    expect(await rollbackTo(admin, slug, 2)).toEqual({ ok: false, draftAhead: true });
    expect(courseHistory(admin, slug).versions).toHaveLength(3);
    expect(lessonDraft(admin, slug, edited.key).body).toContain("Chưa xuất bản.");
    expect(await rollbackTo(admin, slug, 2, { discardDraft: true })).toEqual({ ok: true, version: 4 });
    expect(lessonDraft(admin, slug, edited.key).body).not.toContain("Chưa xuất bản.");
  });

  it("opens no authoring page to a learner, and no national course to a province's trainer", async () => {
    const learner = await cookieFor("learner");
    expect((await run(authorIndex.loader, get("/author", learner))).status).toBe(403);
    expect(
      (await run(authorCourse.loader, get("/author/can-bo-cap-xa", learner), { slug: "can-bo-cap-xa" })).status,
    ).toBe(404);
    const trainer = await cookieFor("trainer");
    expect(
      (await run(authorCourse.loader, get("/author/can-bo-cap-xa", trainer), { slug: "can-bo-cap-xa" })).status,
    ).toBe(404);
    expect(
      (
        await run(authorLesson.loader, get("/author/can-bo-cap-xa/lessons/vai-tro-nhiem-vu", trainer), {
          slug: "can-bo-cap-xa",
          key: "vai-tro-nhiem-vu",
        })
      ).status,
    ).toBe(404);
    const list = await (await run(authorIndex.loader, get("/author", trainer))).json();
    expect(list.courses.map((c: { slug: string }) => c.slug)).toEqual(["ky-nang-tham-van"]);
  });
});

describe("a lesson cannot run code on the server or hold its time", () => {
  const slug = "bai-hoc-an-toan";
  const key = "gioi-thieu";
  const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lesson-fm-")), "ran");
  const write = `require('fs').writeFileSync('${marker}', 'ran')`;
  const payloads: [string, string][] = [
    ["---js", `---js\n${write}\n---\n\nXin chào.\n`],
    ["---javascript", `---javascript\n${write}\n---\n`],
    ["--- js", `--- js\n${write}\n---\n`],
    ["---coffee", `---coffee\n${write}\n---\n`],
    ["a BOM, then ---js", `\uFEFF---js\n${write}\n---\n`],
    ["blank lines, then ---js", `\n\n---js\n${write}\n---\n`],
  ];
  // 5,000 nested block quotes in 5 KB, and an emphasis-heavy body the parser takes minutes over.
  const deep = `${">".repeat(5000)} a\n`;
  const slow = `${"*_".repeat(25_000)}a${"_*".repeat(25_000)}`;

  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const result = await work();
    return { result, ms: performance.now() - started };
  };
  const save = (body: string) => {
    const admin = viewerFor("admin");
    const lesson = lessonDraft(admin, slug, key);
    expect(saveLesson(admin, slug, key, { title: "Giới thiệu", minutes: 10, body, revision: lesson.revision }).ok).toBe(
      true,
    );
  };
  const pages = async (cookie: string) => {
    const editor = await timed(() =>
      run(authorLesson.loader, get(`/author/${slug}/lessons/${key}`, cookie), { slug, key }),
    );
    const overview = await timed(() => run(authorCourse.loader, get(`/author/${slug}`, cookie), { slug }));
    const publish = await timed(() =>
      run(authorCourse.action, post(`/author/${slug}`, { intent: "publish", confirm: "yes" }, { cookie }), { slug }),
    );
    expect([editor.result.status, overview.result.status, publish.result.status]).toEqual([200, 200, 400]);
    return {
      preview: (await editor.result.json()).preview as {
        ok: boolean;
        problems?: { line: number; column: number; message: string }[];
      },
      overview: (await overview.result.json()).problems as {
        file: string;
        line: number;
        column: number;
        message: string;
      }[],
      publish: (await publish.result.json()).problems as {
        file: string;
        line: number;
        column: number;
        message: string;
      }[],
      ms: Math.max(editor.ms, overview.ms, publish.ms),
    };
  };

  it("refuses front matter in the preview, the editor, the course page and publishing, and runs none of it", async () => {
    const admin = viewerFor("admin");
    const cookie = await cookieFor("admin");
    expect(createCourse(admin, { slug, title: "Bài học an toàn", ownerUnitCode: null })).toMatchObject({ ok: true });
    // A course that would publish but for its lesson.
    const settings = courseSettings(admin, slug);
    saveSettings(admin, slug, {
      revision: settings.revision,
      intro: "",
      frontmatter: { ...settings.frontmatter, quiz: { questionCount: 1, maxAttempts: 3, retryWaitMinutes: 0 } },
    });
    saveQuestion(admin, slug, {
      revision: draftQuestions(admin, slug).revision,
      originalId: null,
      question: {
        id: "mot",
        type: "true-false",
        text: "Trẻ em là người dưới 16 tuổi?",
        explanation: "Luật Trẻ em 2016, Điều 1.",
        answer: true,
      },
    });

    for (const [what, body] of payloads) {
      const response = await run(authorPreview.action, post(`/author/${slug}/preview`, { body }, { cookie }), { slug });
      expect(response.status, what).toBe(200);
      const preview = await response.json();
      expect(preview.ok, what).toBe(false);
      expect(preview.problems[0].message, what).toMatch(/Nội dung bài không được mở đầu bằng "---/);
    }

    save(payloads[0]?.[1] as string);
    const { preview, overview, publish } = await pages(cookie);
    expect(preview).toMatchObject({ ok: false, problems: [{ line: 1, column: 1 }] });
    // In the file, the body starts on line 6: four lines of frontmatter and a blank line.
    const where = { file: `${slug}/lessons/01-${key}.mdx`, line: 6, column: 1 };
    expect(overview).toContainEqual(expect.objectContaining(where));
    expect(publish).toContainEqual(expect.objectContaining(where));
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("opens a stored draft over the limits, shows why, and refuses to publish it, each within seconds", async () => {
    const cookie = await cookieFor("admin");
    save(deep);
    const nested = await pages(cookie);
    expect(nested.preview.problems?.[0]).toMatchObject({
      line: 1,
      column: 25,
      message: expect.stringMatching(/lồng nhau quá sâu/),
    });
    expect(nested.overview).toContainEqual(expect.objectContaining({ line: 6, column: 25 }));
    expect(nested.ms).toBeLessThan(3000);

    save(slow);
    const heavy = await pages(cookie);
    expect(heavy.preview.problems?.[0]?.message).toMatch(/quá phức tạp, mất quá nhiều thời gian/);
    expect(heavy.overview).toContainEqual(
      expect.objectContaining({ line: 5, message: expect.stringMatching(/quá phức tạp/) }),
    );
    // Each page gives up after the time limit (plus a worker starting again on a busy machine).
    expect(heavy.ms).toBeLessThan(8000);
  });

  it("answers a normal preview quickly while a pathological one runs", async () => {
    const admin = viewerFor("admin");
    await warmMdxWorkers();
    const pathological = timed(() => previewLesson(admin, slug, slow.replace("a", "b")));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const normal = await timed(() => previewLesson(admin, slug, "## Xem trước\n\n<KeyPoint>Ghi nhớ.</KeyPoint>\n"));
    expect(normal.result.ok).toBe(true);
    expect(normal.ms).toBeLessThan(1000);
    expect((await pathological).result.ok).toBe(false);
  });

  it("finds a missing picture however its attribute is quoted, as publishing does", async () => {
    const admin = viewerFor("admin");
    expect(await previewLesson(admin, slug, "Sơ đồ:\n\n<Figure src='khong-co.png' alt='Không có' />\n")).toEqual({
      ok: false,
      problems: [{ line: 3, column: 9, message: 'không có tệp "khong-co.png" trong thư mục media/' }],
    });
  });
});
