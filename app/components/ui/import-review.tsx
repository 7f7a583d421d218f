import { Form, Link, useNavigation } from "@remix-run/react";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatDateTime, formatNumber, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { FieldError } from "./form";

/**
 * The parts every spreadsheet import shares (staff rosters, the list of units): the upload
 * form, the list of recent files, the counts of a check, its problems by row and column, and
 * the confirmation.
 */
export function UploadForm({ error, maxRows }: { error?: MessageKey; maxRows: number }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <Form method="post" encType="multipart/form-data" className="card space-y-3">
      <label htmlFor="import-file" className="block font-medium">
        {t("roster.file", { rows: formatNumber(locale, maxRows) })}
      </label>
      <input
        id="import-file"
        name="file"
        type="file"
        required
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        className="input"
      />
      <FieldError error={error} />
      <button type="submit" className="btn" disabled={busy}>
        {t("roster.upload")}
      </button>
      {busy ? (
        <div role="status" className="space-y-1">
          <progress className="w-full" aria-label={t("roster.checking")} />
          <p className="text-sm text-slate-700">{t("roster.checking")}</p>
        </div>
      ) : null}
    </Form>
  );
}

export function RecentImports({
  imports,
  href,
}: {
  imports: { id: number; fileName: string; createdAt: string | Date; status: "checked" | "committing" | "committed" }[];
  href: (id: number) => string;
}) {
  const t = useT();
  const locale = useLocale();
  if (imports.length === 0) return null;
  return (
    <section aria-labelledby="recent" className="space-y-2">
      <h2 id="recent" className="text-xl font-semibold">
        {t("roster.recent")}
      </h2>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {imports.map((i) => (
          <li key={i.id} className="flex flex-wrap justify-between gap-2 p-3">
            <Link to={href(i.id)}>{i.fileName}</Link>
            <span className="text-sm text-slate-600">
              {formatDateTime(locale, new Date(i.createdAt))} · {t(`roster.status.${i.status}`)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ImportCounts({ counts }: { counts: { label: string; value: number }[] }) {
  const locale = useLocale();
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="roster-summary">
      {counts.map((c) => (
        <div key={c.label} className="card">
          <dt className="text-sm text-slate-600">{c.label}</dt>
          <dd className="text-2xl font-semibold">{formatNumber(locale, c.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Confirms a checked file with no errors; the count says how many changes will be written. */
export function ConfirmImport({ changes, children }: { changes: number; children?: React.ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <Form method="post" className="space-y-2">
      {children}
      <button type="submit" className="btn" disabled={busy}>
        {t("roster.confirm", { count: formatNumber(locale, changes) })}
      </button>
      {busy ? (
        <div role="status">
          <progress className="w-full" aria-label={t("roster.committing")} />
          <p className="text-sm">{t("roster.committing")}</p>
        </div>
      ) : null}
    </Form>
  );
}

/** The rows of an uploaded file that need fixing, by row and column, as the file numbers them. */
export function ImportProblems({
  problems,
  more,
}: {
  problems: { row: number; column: string | null; message: string }[];
  more: number;
}) {
  const t = useT();
  if (problems.length === 0) return null;
  return (
    <section aria-labelledby="problems" className="space-y-2">
      <h2 id="problems" className="text-xl font-semibold text-red-800">
        {t("roster.problemsTitle")}
      </h2>
      <ScrollRegion label={t("roster.problemsTitle")}>
        <table className="table table-cards" data-testid="roster-problems">
          <thead>
            <tr>
              <th scope="col">{t("roster.row")}</th>
              <th scope="col">{t("roster.column")}</th>
              <th scope="col">{t("roster.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => (
              <tr key={`${p.row}:${p.column}:${p.message}`}>
                <td data-label={t("roster.row")} className="tabular-nums">
                  {p.row}
                </td>
                <td data-label={t("roster.column")}>{p.column ?? "—"}</td>
                <td data-label={t("roster.problem")}>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {more > 0 ? <p>{t("roster.moreRows", { count: more })}</p> : null}
    </section>
  );
}

export const FILE_ERRORS = {
  "unsupported-type": "roster.fileError.unsupported-type",
  unreadable: "roster.fileError.unreadable",
  "too-large": "roster.fileError.too-large",
  empty: "roster.fileError.empty",
  "mixed-encoding": "roster.fileError.mixed-encoding",
} as const;

/** Why a confirmed import was not written: the data changed since the check, or it was already written. */
export function CommitRefusal({ reason }: { reason: "problems" | "already" | "undecided" | undefined }) {
  const t = useT();
  if (!reason) return null;
  return (
    <p role="alert" className="text-amber-800">
      {t(reason === "problems" ? "roster.stale" : reason === "undecided" ? "roster.undecided" : "roster.already")}
    </p>
  );
}
