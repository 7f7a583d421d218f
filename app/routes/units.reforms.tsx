import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError, SelectField, TextAreaField } from "~/components/ui/form";
import { localName, type MessageKey, todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listTiers } from "~/models/units.server";
import { mergeUnits, type ReformSummary, retireTier } from "~/services/units.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { field, optional, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "units.reforms");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  requireAnywhere(viewer, "unit.edit");
  return json({
    tiers: listTiers().filter((t) => t.active && t.code !== "nation"),
    today: todayInVietnam(),
  });
}

const codes = z
  .string({ required_error: "form.required" })
  .transform((text) => [
    ...new Set(
      text
        .toUpperCase()
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().regex(/^[0-9A-Z._-]{1,20}$/, "form.invalid"))
      .min(1, "units.error.noSources")
      .max(500),
  );

const ReformSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("merge"),
    apply: z.enum(["0", "1"]),
    sourceCodes: codes,
    into: z.enum(["existing", "new"]),
    targetCode: optional(field.code),
    newCode: optional(field.code),
    newName: optional(field.name),
    parentCode: optional(field.code),
    date: field.date,
  }),
  z.object({
    kind: z.literal("retire-tier"),
    apply: z.enum(["0", "1"]),
    tierCode: z.string().regex(/^[a-z_]{1,40}$/, "form.invalidChoice"),
    withinCode: field.code,
    date: field.date,
  }),
]);

type ReformAnswer = {
  kind: string;
  applied: boolean;
  summary: ReformSummary | null;
  errors: Partial<Record<string, MessageKey>>;
};

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  requireAnywhere(viewer, "unit.edit");
  const formData = await request.formData();
  const kind = String(formData.get("kind") ?? "");
  const parsed = parseForm(ReformSchema, formData);
  if (!parsed.ok)
    return json<ReformAnswer>({ kind, applied: false, summary: null, errors: parsed.errors }, { status: 400 });
  const input = parsed.data;
  const apply = input.apply === "1";
  let result: ReturnType<typeof mergeUnits>;
  if (input.kind === "merge") {
    if (input.into === "new" && (!input.newCode || !input.newName || !input.parentCode))
      return json<ReformAnswer>(
        { kind, applied: false, summary: null, errors: { newCode: "form.required" } },
        { status: 400 },
      );
    result = mergeUnits(
      viewer.actor,
      {
        sourceCodes: input.sourceCodes,
        date: input.date,
        ...(input.into === "new"
          ? {
              newUnit: {
                code: input.newCode as string,
                name: input.newName as string,
                parentCode: input.parentCode as string,
              },
            }
          : { targetCode: input.targetCode }),
      },
      apply,
    );
  } else {
    result = retireTier(viewer.actor, input, apply);
  }
  if (!result.ok)
    return json<ReformAnswer>(
      { kind, applied: false, summary: null, errors: { [result.field]: result.error } },
      { status: 400 },
    );
  return json<ReformAnswer>({ kind, applied: apply, summary: result.summary, errors: {} });
}

function SummaryPanel({ answer }: { answer: ReformAnswer }) {
  const t = useT();
  const summary = answer.summary;
  if (!summary) return null;
  return (
    <section role="status" className="card space-y-2 border-sky-300 bg-sky-50" data-testid="reform-summary">
      <p className="font-medium">
        {answer.applied ? t("units.reforms.appliedTitle") : t("units.reforms.previewTitle")}
      </p>
      <ul className="list-disc pl-6">
        {summary.units.map((u) => (
          <li key={u.id}>
            {u.name} ({u.code}): {t(`units.reforms.outcome.${u.outcome}`)}
          </li>
        ))}
      </ul>
      <p>
        {t("units.reforms.counts", {
          children: summary.movedChildren,
          ended: summary.placementsEnded,
          started: summary.placementsStarted,
          people: summary.people,
        })}
      </p>
      {summary.assignments.map((a) => (
        <p key={a.id}>{t("units.reforms.assignment", { unit: a.unitCode, copies: a.copies, named: a.named })}</p>
      ))}
      {answer.applied ? null : <p className="text-sm">{t("units.reforms.nothingWritten")}</p>}
    </section>
  );
}

export default function Reforms() {
  const { tiers, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errorsOf = (kind: string) => (answer?.kind === kind ? answer.errors : {});
  const buttons = (
    <div className="flex flex-wrap gap-2">
      <button type="submit" name="apply" value="0" className="btn-secondary">
        {t("units.reforms.preview")}
      </button>
      <button type="submit" name="apply" value="1" className="btn">
        {t("units.reforms.apply")}
      </button>
    </div>
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("units.reforms")}</h1>
      <p>{t("units.reforms.intro")}</p>

      <Form method="post" className="card space-y-3" aria-labelledby="merge-title">
        <h2 id="merge-title" className="text-xl font-semibold">
          {t("units.reforms.merge")}
        </h2>
        <input type="hidden" name="kind" value="merge" />
        <TextAreaField
          label={t("units.reforms.sources")}
          name="sourceCodes"
          rows={2}
          required
          error={errorsOf("merge").sourceCodes}
        />
        <fieldset className="space-y-2">
          <legend className="font-medium">{t("units.reforms.into")}</legend>
          <label className="flex min-h-10 items-center gap-2">
            <input type="radio" name="into" value="existing" defaultChecked className="size-5" />
            {t("units.reforms.intoExisting")}
          </label>
          <Field label={t("units.mergeTarget")} name="targetCode" error={errorsOf("merge").targetCode} />
          <label className="flex min-h-10 items-center gap-2">
            <input type="radio" name="into" value="new" className="size-5" />
            {t("units.reforms.intoNew")}
          </label>
          <div className="grid gap-2 sm:grid-cols-3">
            <Field label={t("units.reforms.newCode")} name="newCode" error={errorsOf("merge").newCode} />
            <Field label={t("units.reforms.newName")} name="newName" />
            <Field label={t("units.reforms.newParent")} name="parentCode" error={errorsOf("merge").parentCode} />
          </div>
        </fieldset>
        <Field label={t("units.effectiveDate")} name="date" type="date" defaultValue={today} required />
        <FieldError error={errorsOf("merge")._form} />
        {answer?.kind === "merge" ? <SummaryPanel answer={answer} /> : null}
        {buttons}
      </Form>

      <Form method="post" className="card space-y-3" aria-labelledby="tier-title">
        <h2 id="tier-title" className="text-xl font-semibold">
          {t("units.reforms.retireTier")}
        </h2>
        <input type="hidden" name="kind" value="retire-tier" />
        <SelectField
          label={t("units.reforms.tier")}
          name="tierCode"
          defaultValue="district"
          error={errorsOf("retire-tier").tierCode}
        >
          {tiers.map((tier) => (
            <option key={tier.code} value={tier.code}>
              {localName(locale, tier)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t("units.reforms.within")}
          name="withinCode"
          required
          error={errorsOf("retire-tier").withinCode}
        />
        <Field label={t("units.effectiveDate")} name="date" type="date" defaultValue={today} required />
        {answer?.kind === "retire-tier" ? <SummaryPanel answer={answer} /> : null}
        {buttons}
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
