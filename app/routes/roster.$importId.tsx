import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { CommitRefusal, ConfirmImport, FILE_ERRORS, ImportCounts, ImportProblems } from "~/components/ui/import-review";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatNumber, localName } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { commitRosterImport, MAX_ROSTER_ROWS, requireImport } from "~/services/roster.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { idParam } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";

/** "match.<row>" = the id of the existing person the row is, or "new": the manager's choices. */
const MatchChoices = z
  .record(z.string(), z.unknown())
  .transform((fields) =>
    Object.entries(fields).flatMap(([name, value]) => {
      const row = /^match\.(\d{1,7})$/.exec(name)?.[1];
      return row ? [[Number(row), value] as const] : [];
    }),
  )
  .pipe(z.array(z.tuple([z.number().int().positive(), z.union([z.literal("new"), z.string().uuid()])])).max(50_000))
  .transform((entries) => new Map(entries));

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "roster.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "roster.import");
  const stored = requireImport(viewer, idParam(params.importId));
  const { preview } = stored;
  return json({
    id: stored.id,
    fileName: stored.fileName,
    status: stored.status,
    hasAccountSheet: stored.hasAccountSheet,
    summary: preview.summary,
    problems: preview.problems.slice(0, 1000),
    moreProblems: Math.max(0, preview.problems.length - 1000),
    rows: preview.rows,
    moreRows: Math.max(0, preview.changedRows - preview.rows.length),
    rowCount: preview.rowCount,
    conversions: preview.conversions ?? [],
    possibleMatches: (preview.possibleMatches ?? []).slice(0, 300),
    fileError: preview.fileError,
    maxRows: MAX_ROSTER_ROWS,
    result: preview.result ?? null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "roster.import");
  const id = idParam(params.importId);
  const choices = MatchChoices.safeParse(Object.fromEntries(await readForm(request)));
  if (!choices.success) return json({ reason: "undecided" as const }, { status: 400 });
  const result = await commitRosterImport(viewer, id, `${new URL(request.url).origin}/login`, choices.data);
  if (!result.ok) return json({ reason: result.reason }, { status: 409 });
  return redirect(`/roster/${id}`, { headers: { "Set-Cookie": await flashMessage(request, "roster.committed") } });
}

export default function RosterImport() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { summary } = data;
  const changes = summary.create + summary.update + summary.move;
  const counts = [
    { label: t("roster.willCreate"), value: summary.create },
    { label: t("roster.willUpdate"), value: summary.update },
    { label: t("roster.willMove"), value: summary.move },
    { label: t("roster.unchanged"), value: summary.unchanged },
    { label: t("roster.errors"), value: summary.errors },
  ];
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link to="/roster">← {t("roster.title")}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("roster.preview", { file: data.fileName })}</h1>
      <CommitRefusal reason={failed?.reason} />
      {data.fileError ? (
        <p role="alert" className="card text-red-800">
          {t(FILE_ERRORS[data.fileError], { rows: formatNumber(locale, data.maxRows) })}
        </p>
      ) : (
        <>
          <p>{t("roster.rows", { count: formatNumber(locale, data.rowCount) })}</p>
          <ImportCounts counts={counts} />
        </>
      )}

      <ImportProblems problems={data.problems} more={data.moreProblems} />

      {data.status === "committed" && data.result ? (
        <section className="card space-y-3" aria-live="polite">
          <p className="font-medium text-green-800">
            {t("roster.result", {
              created: data.result.created,
              updated: data.result.updated,
              moved: data.result.moved,
            })}
          </p>
          {data.hasAccountSheet ? (
            <Form method="post" action={`/roster/${data.id}/accounts`} reloadDocument>
              <button type="submit" className="btn">
                {t("roster.accounts")}
              </button>
            </Form>
          ) : data.result.accountSheet ? (
            <p className="text-sm text-slate-700">{t("roster.accountsGone")}</p>
          ) : null}
        </section>
      ) : null}

      {data.conversions.length > 0 ? (
        <section aria-labelledby="conversions" className="space-y-2">
          <h2 id="conversions" className="text-xl font-semibold">
            {t("roster.conversions")}
          </h2>
          <p>{t("roster.conversionsIntro")}</p>
          <ScrollRegion label={t("roster.conversions")}>
            <table className="table" data-testid="roster-conversions">
              <thead>
                <tr>
                  <th scope="col">{t("roster.row")}</th>
                  <th scope="col">{t("roster.conversionOriginal")}</th>
                  <th scope="col">{t("roster.conversionName")}</th>
                  <th scope="col">{t("roster.conversionFrom")}</th>
                </tr>
              </thead>
              <tbody>
                {data.conversions.map((c) => (
                  <tr key={c.row}>
                    <td className="tabular-nums">{c.row}</td>
                    <td>{c.original}</td>
                    <td className="font-medium">{c.name}</td>
                    <td>{c.from}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ) : null}

      {data.rows.length > 0 ? (
        <section aria-labelledby="rows" className="space-y-2">
          <h2 id="rows" className="text-xl font-semibold">
            {t("roster.willCreate")} / {t("roster.willUpdate")} / {t("roster.willMove")}
          </h2>
          <ScrollRegion label={t("roster.willCreate")}>
            <table className="table table-cards" data-testid="roster-rows">
              <thead>
                <tr>
                  <th scope="col">{t("roster.row")}</th>
                  <th scope="col">{t("reports.person")}</th>
                  <th scope="col">{t("reports.placement")}</th>
                  <th scope="col">{t("reports.username")}</th>
                  <th scope="col">{t("reports.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.row}>
                    <td data-label={t("roster.row")} className="tabular-nums">
                      {r.row}
                    </td>
                    <td data-label={t("reports.person")}>{r.fullName}</td>
                    <td data-label={t("reports.placement")}>
                      {r.unit} · {r.position}
                      {r.tierNote ? (
                        <span className="mt-1 block text-sm text-amber-900" data-testid="tier-note">
                          {t("roster.tierNote", {
                            positionTier: localName(locale, r.tierNote.positionTier),
                            unitTier: localName(locale, r.tierNote.unitTier),
                          })}
                        </span>
                      ) : null}
                    </td>
                    <td data-label={t("reports.username")}>{r.username}</td>
                    <td data-label={t("reports.status")}>{t(`roster.action.${r.action}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {data.moreRows > 0 ? <p>{t("roster.moreRows", { count: data.moreRows })}</p> : null}
        </section>
      ) : null}

      {data.status === "checked" && !data.fileError && data.problems.length === 0 ? (
        changes === 0 && data.possibleMatches.length === 0 ? (
          <p className="card">{t("roster.nothingToDo")}</p>
        ) : (
          <ConfirmImport changes={changes + data.possibleMatches.length}>
            {data.possibleMatches.length > 0 ? (
              <section aria-labelledby="possible-matches" className="space-y-3">
                <h2 id="possible-matches" className="text-xl font-semibold">
                  {t("roster.possibleMatches")}
                </h2>
                <p>{t("roster.possibleMatchesIntro")}</p>
                {data.possibleMatches.map((match) => (
                  <fieldset key={match.row} className="card space-y-2" data-testid="possible-match">
                    <legend className="font-medium">
                      {t("roster.possibleMatch", { row: match.row, name: match.fullName })}
                    </legend>
                    {match.candidates.map((candidate) => (
                      <label key={candidate.userId} className="flex items-center gap-2">
                        <input type="radio" name={`match.${match.row}`} value={candidate.userId} required />
                        {t("roster.sameAs", { name: candidate.fullName, username: candidate.username })}
                      </label>
                    ))}
                    <label className="flex items-center gap-2">
                      <input type="radio" name={`match.${match.row}`} value="new" required />
                      {t("roster.newPerson")}
                    </label>
                  </fieldset>
                ))}
              </section>
            ) : null}
          </ConfirmImport>
        )
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
