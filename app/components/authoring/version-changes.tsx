import type { ChangeCounts, ParagraphChange, VersionChanges } from "~/domain/version-changes";
import type { Translate } from "~/i18n";
import { useT } from "~/i18n/react";

/** "Đã thêm 3 đoạn, sửa 1 đoạn, xóa 2 đoạn", leaving out what did not happen. */
export function countsInWords(t: Translate, counts: ChangeCounts): string {
  const parts = [
    counts.added ? t("authoring.diff.addedParagraphs", { count: counts.added }) : null,
    counts.changed ? t("authoring.diff.changedParagraphs", { count: counts.changed }) : null,
    counts.removed ? t("authoring.diff.removedParagraphs", { count: counts.removed }) : null,
  ].filter(Boolean);
  return parts.length === 0 ? "" : t("authoring.diff.done", { what: parts.join(", ") });
}

/** A paragraph before and after, wrapped to the screen (no sideways scrolling, no diff signs). */
function Paragraphs({ items }: { items: ParagraphChange[] }) {
  const t = useT();
  const box = "whitespace-pre-wrap break-words rounded-md p-2 text-sm [overflow-wrap:anywhere]";
  return (
    <ol className="space-y-3">
      {items.map((p, index) => (
        <li key={index} className="space-y-1">
          {p.before !== undefined ? (
            <div>
              <p className="text-xs font-semibold text-red-900">
                {p.change === "removed" ? t("authoring.diff.removedText") : t("authoring.diff.before")}
              </p>
              <del className={`${box} block bg-red-50 text-red-950 no-underline`}>{p.before}</del>
            </div>
          ) : null}
          {p.after !== undefined ? (
            <div>
              <p className="text-xs font-semibold text-green-900">
                {p.change === "added" ? t("authoring.diff.addedText") : t("authoring.diff.after")}
              </p>
              <ins className={`${box} block bg-green-50 text-green-950 no-underline`}>{p.after}</ins>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** What changed between two versions, lesson by lesson, in words; details open on demand. */
export function VersionChangesView({ changes }: { changes: VersionChanges }) {
  const t = useT();
  const { lessons, settings, intro, questions, pictures } = changes;
  const questionCount = questions.added.length + questions.changed.length + questions.removed.length;
  if (lessons.length + settings.length + (intro ? 1 : 0) + questionCount + pictures.length === 0)
    return <p>{t("authoring.versions.noChange")}</p>;
  return (
    <div className="space-y-3">
      {lessons.map((lesson) => (
        <article key={lesson.key} className="card min-w-0 space-y-2" data-testid="diff-lesson">
          <h3 className="font-semibold break-words">{t("authoring.diff.lesson", { title: lesson.title })}</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {lesson.change === "added" ? <li>{t("authoring.diff.lessonAdded")}</li> : null}
            {lesson.change === "removed" ? <li>{t("authoring.diff.lessonRemoved")}</li> : null}
            {lesson.formerTitle !== undefined ? (
              <li>{t("authoring.diff.renamed", { title: lesson.formerTitle })}</li>
            ) : null}
            {lesson.moved ? <li>{t("authoring.diff.moved", lesson.moved)}</li> : null}
            {lesson.minutes ? <li>{t("authoring.diff.minutes", lesson.minutes)}</li> : null}
            {lesson.change === "changed" && countsInWords(t, lesson.counts) ? (
              <li>{countsInWords(t, lesson.counts)}</li>
            ) : null}
          </ul>
          {lesson.paragraphs.length > 0 && lesson.change === "changed" ? (
            <details>
              <summary className="cursor-pointer text-sm font-medium">{t("authoring.diff.show")}</summary>
              <div className="mt-2">
                <Paragraphs items={lesson.paragraphs} />
              </div>
            </details>
          ) : null}
        </article>
      ))}
      {settings.length > 0 || intro ? (
        <article className="card min-w-0 space-y-2" data-testid="diff-settings">
          <h3 className="font-semibold">{t("authoring.settings")}</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm break-words">
            {settings.map((s) => (
              <li key={s.field}>{t("authoring.diff.setting", { ...s })}</li>
            ))}
            {intro ? <li>{t("authoring.diff.intro", { what: countsInWords(t, intro.counts) })}</li> : null}
          </ul>
          {intro ? (
            <details>
              <summary className="cursor-pointer text-sm font-medium">{t("authoring.diff.show")}</summary>
              <div className="mt-2">
                <Paragraphs items={intro.paragraphs} />
              </div>
            </details>
          ) : null}
        </article>
      ) : null}
      {questionCount > 0 ? (
        <article className="card min-w-0 space-y-2" data-testid="diff-questions">
          <h3 className="font-semibold">{t("authoring.diff.questions")}</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm break-words">
            {(["added", "changed", "removed"] as const).map((kind) =>
              questions[kind].map((q) => (
                <li key={`${kind}:${q.id}`}>{t(`authoring.diff.question.${kind}`, { id: q.id, text: q.text })}</li>
              )),
            )}
          </ul>
        </article>
      ) : null}
      {pictures.length > 0 ? (
        <article className="card min-w-0 space-y-2" data-testid="diff-pictures">
          <h3 className="font-semibold">{t("authoring.media")}</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm break-words">
            {pictures.map((p) => (
              <li key={p.name}>{t(`authoring.diff.picture.${p.change}`, { name: p.name })}</li>
            ))}
          </ul>
        </article>
      ) : null}
    </div>
  );
}
