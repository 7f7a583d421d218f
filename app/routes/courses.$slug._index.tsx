import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseCertificateCard } from "~/components/ui/certificates";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { MdxContent } from "~/components/ui/mdx-content";
import { ProgressBar } from "~/components/ui/progress-bar";
import { canAnywhere } from "~/domain/access";
import { formatDate } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { findCompiled } from "~/models/courses.server";
import { courseCertificateOf } from "~/services/certificates.server";
import { openCourse } from "~/services/learning.server";
import { requireViewer } from "~/utils/auth.server";
import { renderLessonHtml } from "~/utils/lesson-html.server";
import { resolveLocale } from "~/utils/locale.server";
import { slugParam } from "~/utils/params.server";

function introHtml(hash: string | null, slug: string, locale: "vi" | "en"): string | null {
  const code = hash ? findCompiled(hash) : null;
  return hash && code ? renderLessonHtml(hash, code, slug, locale) : null;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.course.title ?? "" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const locale = await resolveLocale(request, viewer);
  const { course, lessons, reads, progress } = openCourse(viewer, slugParam(params.slug));
  const readKeys = new Set(reads.map((r) => r.lessonKey));
  return json({
    course: {
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      estimatedMinutes: course.estimatedMinutes,
      passMark: course.passMark,
      questionCount: course.quiz.questionCount,
      validityMonths: course.certificateValidityMonths,
      versionNumber: course.versionNumber,
      publishedAt: course.publishedAt.toISOString(),
      introHtml: introHtml(course.introHash, course.slug, locale),
    },
    lessons: lessons.map((l) => ({ ...l, read: readKeys.has(l.key) })),
    canSeeInsight: canAnywhere(viewer.actor, "course.author"),
    progress,
    ...courseCertificateOf(viewer, course.courseId),
  });
}

export default function CourseOverview() {
  const { course, lessons, progress, canSeeInsight, certificate, certification } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const resume = lessons.find((l) => l.key === progress.resumeKey);
  return (
    <article className="space-y-4">
      <nav className="no-print text-sm">
        <Link to="/">{t("nav.myTraining")}</Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{course.title}</h1>
        <p>{course.summary}</p>
        <p className="text-sm text-slate-600">
          {t("course.totalTime", { minutes: course.estimatedMinutes })} ·{" "}
          {t("course.version", { version: course.versionNumber, date: formatDate(locale, course.publishedAt) })}
        </p>
      </header>
      <ProgressBar
        percent={progress.percent}
        label={t("course.progress", { read: progress.read, total: progress.total })}
      />
      <p className="no-print">
        {resume ? (
          <Link to={`/courses/${course.slug}/${resume.key}`} className="btn">
            {progress.started ? t("course.resume", { lesson: resume.title }) : t("course.start")}
          </Link>
        ) : (
          <span className="font-medium text-green-800">{t("course.allRead")}</span>
        )}
      </p>
      {certificate && certification.state !== "none" ? (
        <CourseCertificateCard certificate={certificate} certification={certification} />
      ) : null}
      <p className="no-print">
        {certification.state === "certified" ? null : (
          <Link to={`/courses/${course.slug}/quiz`} className="btn-secondary">
            {certification.state === "renewal-open" ? t("certificates.course.renew") : t("quiz.open")}
          </Link>
        )}{" "}
        {canSeeInsight ? (
          <Link to={`/courses/${course.slug}/insight`} className="btn-secondary">
            {t("insight.open")}
          </Link>
        ) : null}
      </p>
      <section className="card" aria-labelledby="requirement-title">
        <h2 id="requirement-title" className="sr-only">
          {t("course.about")}
        </h2>
        <p>
          {t("course.requirement", {
            lessons: lessons.length,
            passMark: course.passMark,
            questions: course.questionCount,
            months: course.validityMonths,
          })}
        </p>
      </section>
      {course.introHtml ? (
        <section className="card">
          <MdxContent html={course.introHtml} />
        </section>
      ) : null}
      <section aria-labelledby="lessons-title">
        <h2 id="lessons-title" className="text-lg font-semibold">
          {t("course.lessons")}
        </h2>
        <ol className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {lessons.map((lesson, index) => (
            <li key={lesson.key} className="flex items-center justify-between gap-2 p-3">
              <span>
                <span className="text-slate-500">{index + 1}. </span>
                <Link to={`/courses/${course.slug}/${lesson.key}`}>{lesson.title}</Link>
                <span className="block text-sm text-slate-600">{t("course.minutes", { minutes: lesson.minutes })}</span>
              </span>
              {lesson.read ? (
                <span className="shrink-0 rounded bg-green-100 px-2 py-0.5 text-sm text-green-900">
                  ✓ {t("course.read")}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
