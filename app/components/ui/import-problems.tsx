import { useT } from "~/i18n/react";

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
      <div className="overflow-x-auto">
        <table className="table" data-testid="roster-problems">
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
                <td className="tabular-nums">{p.row}</td>
                <td>{p.column ?? "—"}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? <p>{t("roster.moreRows", { count: more })}</p> : null}
    </section>
  );
}

export const FILE_ERRORS = {
  "unsupported-type": "roster.fileError.unsupported-type",
  unreadable: "roster.fileError.unreadable",
  "too-large": "roster.fileError.too-large",
  empty: "roster.fileError.empty",
} as const;
