import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { VersionChangesView } from "~/components/authoring/version-changes";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { formatDateTime } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { compareVersions, courseHistory, courseSettings, rollbackTo } from "~/services/authoring.server";
import type { ContentProblem } from "~/services/content-import.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { slugParam } from "~/utils/params.server";
import { readForm } from "~/utils/request.server";
import { VersionActionSchema } from "~/validation/authoring";
import { parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "authoring.history");

const CompareQuery = z.object({
  from: z.coerce.number().int().min(1).optional().catch(undefined),
  to: z.coerce.number().int().min(1).optional().catch(undefined),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const history = courseHistory(viewer, slug);
  const query = CompareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const numbers = new Set(history.versions.map((v) => v.number));
  const comparing = query.from && query.to && numbers.has(query.from) && numbers.has(query.to) ? query : null;
  return json({
    slug,
    courseTitle: courseSettings(viewer, slug).frontmatter.title,
    versions: history.versions.map((v) => ({
      number: v.number,
      title: v.title,
      publishedAt: v.publishedAt,
      publisherName: v.publisherName,
      current: v.id === history.currentVersionId,
    })),
    diff: comparing
      ? {
          from: comparing.from as number,
          to: comparing.to as number,
          changes: compareVersions(viewer, slug, comparing.from as number, comparing.to as number),
        }
      : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const parsed = parseForm(VersionActionSchema, await readForm(request));
  const refused = (problems: ContentProblem[], draftAheadOf: number | null = null) =>
    json({ problems, draftAheadOf }, { status: 400 });
  if (!parsed.ok) return refused([]);
  const { number, discardDraft } = parsed.data;
  const result = await rollbackTo(viewer, slug, number, { discardDraft });
  if (!result.ok) return "draftAhead" in result ? refused([], number) : refused(result.problems);
  return redirect(`/author/${slug}/versions`, {
    headers: { "Set-Cookie": await flashMessage(request, "authoring.versions.rolledBack") },
  });
}

export default function VersionHistory() {
  const { slug, courseTitle, versions, diff } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const problems = refusal?.problems ?? [];
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/author/${slug}`}>{t("authoring.backToCourse", { title: courseTitle })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("authoring.history")}</h1>
      {problems.length > 0 ? (
        <ul role="alert" className="list-disc pl-6 text-red-800">
          {problems.map((p) => (
            <li key={`${p.file}:${p.line}:${p.message}`}>
              {p.file}: {t("authoring.position", { line: p.line, column: p.column })}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {refusal?.draftAheadOf ? (
        <Form method="post" role="alert" className="card space-y-2 border-amber-300 bg-amber-50">
          <p>{t("authoring.versions.draftAhead", { version: refusal.draftAheadOf })}</p>
          <input type="hidden" name="intent" value="rollback" />
          <input type="hidden" name="number" value={refusal.draftAheadOf} />
          <input type="hidden" name="discardDraft" value="on" />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn">
              {t("authoring.versions.discardAndRestore", { version: refusal.draftAheadOf })}
            </button>
            <Link to={`/author/${slug}`} className="btn-secondary">
              {t("authoring.versions.keepDraft")}
            </Link>
          </div>
        </Form>
      ) : null}
      {versions.length === 0 ? (
        <p className="text-slate-600">{t("authoring.versions.none")}</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {versions.map((v) => (
            <li key={v.number} className="space-y-2 p-3" data-testid="version">
              <p className="font-medium">
                {t("authoring.published", { version: v.number })}
                {v.current ? ` · ${t("authoring.versions.current")}` : ""}
              </p>
              <p className="text-sm text-slate-700">
                {t("authoring.versions.by", {
                  time: formatDateTime(locale, new Date(v.publishedAt)),
                  name: v.publisherName ?? t("authoring.versions.fromFiles"),
                })}{" "}
                · {v.title}
              </p>
              <div className="flex flex-wrap gap-2">
                {v.number > 1 ? (
                  <Link to={`?from=${v.number - 1}&to=${v.number}#diff`} className="btn-secondary">
                    {t("authoring.versions.compare")}
                  </Link>
                ) : null}
                {v.current ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="rollback" />
                    <input type="hidden" name="number" value={v.number} />
                    <button type="submit" className="btn-secondary">
                      {t("authoring.versions.rollback")}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {diff ? (
        <section id="diff" aria-labelledby="diff-title" className="space-y-3">
          <h2 id="diff-title" className="text-xl font-semibold">
            {t("authoring.versions.diffTitle", { from: diff.from, to: diff.to })}
          </h2>
          <VersionChangesView changes={diff.changes} />
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
