import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field } from "~/components/ui/form";
import { problemPlace } from "~/domain/content-problems";
import { formatDateTime } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import {
  addLesson,
  deleteLesson,
  draftOverview,
  draftProblems,
  moveLesson,
  publishAudience,
  publishDraft,
} from "~/services/authoring.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { slugParam } from "~/utils/params.server";
import { readForm } from "~/utils/request.server";
import { LessonActionSchema } from "~/validation/authoring";
import { type FieldErrors, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "authoring.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const overview = draftOverview(viewer, slug);
  // The confirmation step of publishing (a plain link or GET form, so it works without JavaScript).
  const confirming = new URL(request.url).searchParams.get("publish") === "confirm";
  return json({
    ...overview,
    problems: await draftProblems(viewer, slug),
    audience: confirming ? publishAudience(viewer, slug) : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const parsed = parseForm(LessonActionSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, problems: null }, { status: 400 });
  const input = parsed.data;
  const back = async (message: Parameters<typeof flashMessage>[1]) =>
    redirect(`/author/${slug}`, { headers: { "Set-Cookie": await flashMessage(request, message) } });
  switch (input.intent) {
    case "add": {
      const result = addLesson(viewer, slug, input);
      if (!result.ok)
        return json({ errors: { [result.field]: result.error } as FieldErrors, problems: null }, { status: 400 });
      return redirect(`/author/${slug}/lessons/${result.key}`, {
        headers: { "Set-Cookie": await flashMessage(request, "authoring.lessonAdded") },
      });
    }
    case "move":
      moveLesson(viewer, slug, input.key, input.direction);
      return redirect(`/author/${slug}`);
    case "delete":
      deleteLesson(viewer, slug, input.key);
      return back("authoring.lessonDeleted");
    case "publish": {
      if (input.confirm !== "yes") return redirect(`/author/${slug}?publish=confirm#publish`);
      const result = await publishDraft(viewer, slug);
      if (!result.ok) return json({ errors: {} as FieldErrors, problems: result.problems }, { status: 400 });
      return back("authoring.publishedNow");
    }
  }
}

export default function CourseDraft() {
  const { slug, settings, lessons, questionCount, published, unpublishedChanges, problems, audience } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = actionData?.errors ?? {};
  const shownProblems = actionData?.problems ?? problems;
  const t = useT();
  const locale = useLocale();
  const title = settings?.frontmatter.title ?? slug;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/author">← {t("authoring.title")}</Link>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-slate-700">
          {published ? t("authoring.published", { version: published.number }) : t("authoring.notPublished")} ·{" "}
          {unpublishedChanges ? t("authoring.unpublished") : t("authoring.upToDate")}
        </p>
        <nav className="flex flex-wrap gap-2 pt-2" aria-label={title}>
          <Link to={`/author/${slug}/settings`} className="btn-secondary">
            {t("authoring.settings")}
          </Link>
          <Link to={`/author/${slug}/questions`} className="btn-secondary">
            {t("authoring.questions", { count: questionCount })}
          </Link>
          <Link to={`/author/${slug}/media`} className="btn-secondary">
            {t("authoring.media")}
          </Link>
          <Link to={`/author/${slug}/versions`} className="btn-secondary">
            {t("authoring.history")}
          </Link>
        </nav>
      </header>

      <section aria-labelledby="lessons" className="space-y-3">
        <h2 id="lessons" className="text-xl font-semibold">
          {t("authoring.lessons")}
        </h2>
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {lessons.map((lesson, index) => (
            <li key={lesson.key} className="space-y-2 p-3" data-testid="draft-lesson">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link to={`/author/${slug}/lessons/${lesson.key}`} className="font-medium">
                  {index + 1}. {lesson.title || lesson.key}
                </Link>
                <span className="text-sm text-slate-600">
                  {t("course.minutes", { minutes: lesson.minutes })} ·{" "}
                  {t("authoring.lastSaved", {
                    time: formatDateTime(locale, new Date(lesson.updatedAt)),
                    name: lesson.updatedByName ?? "—",
                  })}
                </span>
              </div>
              <div className="flex flex-wrap gap-2">
                {(["up", "down"] as const).map((direction) => (
                  <Form method="post" key={direction}>
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="key" value={lesson.key} />
                    <input type="hidden" name="direction" value={direction} />
                    <button
                      type="submit"
                      className="btn-secondary"
                      disabled={direction === "up" ? index === 0 : index === lessons.length - 1}
                    >
                      {direction === "up" ? `↑ ${t("authoring.moveUp")}` : `↓ ${t("authoring.moveDown")}`}
                    </button>
                  </Form>
                ))}
                <details>
                  <summary className="btn-secondary cursor-pointer">{t("authoring.deleteLesson")}</summary>
                  <Form method="post" className="mt-2 flex flex-wrap items-center gap-2">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="key" value={lesson.key} />
                    <label className="flex items-center gap-2">
                      <input type="checkbox" name="confirm" required className="size-5" />
                      {t("authoring.confirmDelete")}
                    </label>
                    <button type="submit" className="btn-danger">
                      {t("authoring.deleteLesson")}
                    </button>
                  </Form>
                </details>
              </div>
            </li>
          ))}
        </ol>
        <Form method="post" className="card space-y-3">
          <input type="hidden" name="intent" value="add" />
          <Field label={t("authoring.lessonTitle")} name="title" error={errors.title} required maxLength={200} />
          <Field
            label={t("authoring.lessonKey")}
            name="key"
            hint={t("authoring.lessonKeyHelp")}
            error={errors.key}
            required
            maxLength={60}
            autoCapitalize="none"
          />
          <button type="submit" className="btn">
            {t("authoring.addLesson")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="publish" className="card space-y-3">
        <h2 id="publish" className="text-xl font-semibold">
          {t("authoring.publish")}
        </h2>
        {shownProblems.length === 0 ? (
          <p className="text-green-800">{t("authoring.noProblems")}</p>
        ) : (
          <div role="alert" className="space-y-1">
            <p className="font-medium text-red-800">{t("authoring.problems")}</p>
            <ul className="list-disc pl-6 text-sm" data-testid="publish-problems">
              {shownProblems.map((p) => {
                const place = problemPlace(p.file);
                const lesson = place.kind === "lesson" ? lessons.find((l) => l.key === place.key) : undefined;
                return (
                  <li key={`${p.file}:${p.line}:${p.column}:${p.message}`} className="break-words">
                    {place.kind === "lesson" ? (
                      <Link to={`/author/${slug}/lessons/${place.key}`}>
                        {t("authoring.problemIn.lesson", {
                          title: lesson?.title || place.key,
                          line: Math.max(1, p.line - (lesson?.bodyLineOffset ?? 0)),
                          column: p.column,
                        })}
                      </Link>
                    ) : place.kind === "questions" ? (
                      <Link to={`/author/${slug}/questions`}>{t("authoring.problemIn.questions")}</Link>
                    ) : place.kind === "settings" ? (
                      <Link to={`/author/${slug}/settings`}>{t("authoring.problemIn.settings")}</Link>
                    ) : (
                      t("authoring.problemIn.other", { file: place.file })
                    )}
                    : {p.message}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        <p className="text-sm text-slate-700">{t("authoring.publishHelp")}</p>
        {audience && shownProblems.length === 0 ? (
          <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="publish-confirm">
            <p className="font-medium">{t("authoring.publishConfirm.title")}</p>
            <ul className="list-disc space-y-1 pl-5 text-sm break-words">
              <li>
                {t("authoring.publishConfirm.unit", {
                  unit: audience.ownerUnitName ?? t("authoring.publishConfirm.nationwide"),
                })}
              </li>
              <li>
                {t("authoring.publishConfirm.tiers", {
                  tiers: audience.tiers.length > 0 ? audience.tiers.join(", ") : t("authoring.publishConfirm.all"),
                })}
              </li>
              <li>
                {t("authoring.publishConfirm.positions", {
                  positions:
                    audience.positions.length > 0 ? audience.positions.join(", ") : t("authoring.publishConfirm.all"),
                })}
              </li>
              <li>{t("authoring.publishConfirm.assignments", { count: audience.assignments })}</li>
            </ul>
            <p className="font-semibold">{t("authoring.publishConfirm.people", { count: audience.people })}</p>
            <div className="flex flex-wrap gap-2">
              <Form method="post">
                <input type="hidden" name="intent" value="publish" />
                <input type="hidden" name="confirm" value="yes" />
                <button type="submit" className="btn">
                  {t("authoring.publishConfirm.submit")}
                </button>
              </Form>
              <Link to={`/author/${slug}`} className="btn-secondary" preventScrollReset>
                {t("authoring.publishConfirm.cancel")}
              </Link>
            </div>
          </div>
        ) : (
          <Form method="get" preventScrollReset>
            <input type="hidden" name="publish" value="confirm" />
            <button type="submit" className="btn" disabled={shownProblems.length > 0}>
              {t("authoring.publish")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
