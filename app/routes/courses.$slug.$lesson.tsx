import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { MdxContent } from "~/components/ui/mdx-content";
import { neighbours } from "~/domain/courses";
import { useT } from "~/i18n/react";
import { findLessonCode } from "~/models/courses.server";
import { markLessonRead, openCourse } from "~/services/learning.server";
import { requireViewer } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { renderLessonHtml } from "~/utils/lesson-html.server";
import { resolveLocale } from "~/utils/locale.server";
import { slugParam } from "~/utils/params.server";

/**
 * A lesson page ships no JavaScript: it is text, links and one form, and a phone on a slow
 * line gets it in a few kilobytes. See the root's `shouldHydrate`.
 */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lesson.title} · ${data.course.title}` : "" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const locale = await resolveLocale(request, viewer);
  const key = slugParam(params.lesson);
  const { course, lessons, reads } = openCourse(viewer, slugParam(params.slug));
  const lesson = findLessonCode(course.versionId, key);
  if (!lesson) throw notFound();
  const { previous, next } = neighbours(lessons, key);
  return json(
    {
      course: { slug: course.slug, title: course.title },
      lesson: {
        key,
        title: lesson.title,
        minutes: lesson.minutes,
        html: renderLessonHtml(lesson.compiledHash, lesson.code, course.slug, locale),
      },
      index: lessons.findIndex((l) => l.key === key) + 1,
      total: lessons.length,
      previous: previous ? { key: previous.key, title: previous.title } : null,
      next: next ? { key: next.key, title: next.title } : null,
      isRead: reads.some((r) => r.lessonKey === key),
    },
    { headers: { "Cache-Control": "private, no-cache" } },
  );
}

/** "Done, next lesson": records the read on the server (idempotent) and moves on. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const key = slugParam(params.lesson);
  const { lessons } = markLessonRead(viewer, slug, key);
  const { next } = neighbours(lessons, key);
  return redirect(next ? `/courses/${slug}/${next.key}` : `/courses/${slug}`);
}

export default function LessonPage() {
  const { course, lesson, index, total, previous, next, isRead } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="mx-auto max-w-prose space-y-4" aria-labelledby="lesson-title">
      <nav className="no-print text-sm">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </nav>
      <header>
        <p className="text-sm text-slate-600">
          {t("lesson.of", { index, total })} · {t("course.minutes", { minutes: lesson.minutes })}
        </p>
        <h1 id="lesson-title" className="text-2xl font-semibold">
          {lesson.title}
        </h1>
      </header>
      <MdxContent html={lesson.html} />
      <footer className="no-print space-y-3 border-t border-slate-200 pt-4">
        {isRead ? <p className="text-sm text-green-800">✓ {t("lesson.alreadyRead")}</p> : null}
        <Form method="post">
          <button type="submit" className="btn w-full">
            {next ? t("lesson.markRead") : t("lesson.markReadLast")}
          </button>
        </Form>
        <div className="flex flex-wrap justify-between gap-2">
          {previous ? (
            <Link to={`/courses/${course.slug}/${previous.key}`} className="btn-secondary" rel="prev">
              ← {t("lesson.previous")}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link to={`/courses/${course.slug}/${next.key}`} className="btn-secondary" rel="next">
              {t("lesson.next")} →
            </Link>
          ) : (
            <Link to={`/courses/${course.slug}`} className="btn-secondary">
              {t("lesson.backToCourse")}
            </Link>
          )}
        </div>
      </footer>
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
