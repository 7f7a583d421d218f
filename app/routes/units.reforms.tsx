import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError, SelectField, TextAreaField } from "~/components/ui/form";
import type { Actor } from "~/domain/access";
import { localName, type MessageKey, todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listTiers } from "~/models/units.server";
import { mergeUnits, type ReformResult, type ReformSummary, retireTier, reviewReform } from "~/services/units.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { readForm } from "~/utils/request.server";
import { field, optional, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "units.reforms");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
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

const previewToken = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .optional()
  .catch(undefined);

const ReformSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("merge"),
    apply: z.enum(["0", "1"]),
    token: previewToken,
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
    token: previewToken,
    tierCode: z.string().regex(/^[a-z_]{1,40}$/, "form.invalidChoice"),
    withinCode: field.code,
    date: field.date,
  }),
]);

type ReformInput = z.infer<typeof ReformSchema>;

/** What the person typed, handed back so the form keeps it when the page is rendered without JavaScript. */
const REFORM_FIELDS = [
  "sourceCodes",
  "into",
  "targetCode",
  "newCode",
  "newName",
  "parentCode",
  "tierCode",
  "withinCode",
  "date",
];

type ReformAnswer = {
  kind: string;
  applied: boolean;
  summary: ReformSummary | null;
  token: string | null;
  values: Record<string, string>;
  errors: Partial<Record<string, MessageKey>>;
};

function runnerFor(
  actor: Actor,
  input: ReformInput,
): ((apply: boolean) => ReformResult) | Partial<Record<string, MessageKey>> {
  if (input.kind === "retire-tier") return (apply) => retireTier(actor, input, apply);
  const { sourceCodes, date } = input;
  if (input.into === "existing") {
    const { targetCode } = input;
    if (!targetCode) return { targetCode: "form.required" };
    return (apply) => mergeUnits(actor, { sourceCodes, targetCode, date }, apply);
  }
  const { newCode: code, newName: name, parentCode } = input;
  if (!code || !name || !parentCode) {
    const missing: Partial<Record<string, MessageKey>> = {};
    if (!code) missing.newCode = "form.required";
    if (!name) missing.newName = "form.required";
    if (!parentCode) missing.parentCode = "form.required";
    return missing;
  }
  return (apply) => mergeUnits(actor, { sourceCodes, newUnit: { code, name, parentCode }, date }, apply);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "unit.edit");
  const formData = await readForm(request);
  const kind = String(formData.get("kind") ?? "");
  const values = Object.fromEntries(
    REFORM_FIELDS.map((name) => [name, String(formData.get(name) ?? "").slice(0, 4000)]),
  );
  const answer = (fields: Partial<ReformAnswer>, status = 200) =>
    json<ReformAnswer>({ kind, applied: false, summary: null, token: null, values, errors: {}, ...fields }, { status });
  const parsed = parseForm(ReformSchema, formData);
  if (!parsed.ok) return answer({ errors: parsed.errors }, 400);
  const { apply, token, ...reform } = parsed.data;
  const run = runnerFor(viewer.actor, parsed.data);
  if (typeof run !== "function") return answer({ errors: run }, 400);
  const result = reviewReform(run, reform, apply === "1" ? (token ?? "") : null);
  if (!result.ok)
    return answer(
      { summary: result.summary ?? null, token: result.token ?? null, errors: { [result.field]: result.error } },
      400,
    );
  return answer({ applied: result.applied, summary: result.summary, token: result.token });
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
  const answerTo = (kind: string) => (answer?.kind === kind ? answer : undefined);
  const merge = answerTo("merge");
  const retire = answerTo("retire-tier");
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
          defaultValue={merge?.values.sourceCodes}
          error={merge?.errors.sourceCodes}
        />
        <fieldset className="space-y-2">
          <legend className="font-medium">{t("units.reforms.into")}</legend>
          <label className="flex min-h-10 items-center gap-2">
            <input
              type="radio"
              name="into"
              value="existing"
              defaultChecked={merge?.values.into !== "new"}
              className="size-5"
            />
            {t("units.reforms.intoExisting")}
          </label>
          <Field
            label={t("units.mergeTarget")}
            name="targetCode"
            defaultValue={merge?.values.targetCode}
            error={merge?.errors.targetCode}
          />
          <label className="flex min-h-10 items-center gap-2">
            <input
              type="radio"
              name="into"
              value="new"
              defaultChecked={merge?.values.into === "new"}
              className="size-5"
            />
            {t("units.reforms.intoNew")}
          </label>
          <div className="grid gap-2 sm:grid-cols-3">
            <Field
              label={t("units.reforms.newCode")}
              name="newCode"
              defaultValue={merge?.values.newCode}
              error={merge?.errors.newCode}
            />
            <Field
              label={t("units.reforms.newName")}
              name="newName"
              defaultValue={merge?.values.newName}
              error={merge?.errors.newName}
            />
            <Field
              label={t("units.reforms.newParent")}
              name="parentCode"
              defaultValue={merge?.values.parentCode}
              error={merge?.errors.parentCode}
            />
          </div>
        </fieldset>
        <Field
          label={t("units.effectiveDate")}
          name="date"
          type="date"
          defaultValue={merge?.values.date || today}
          required
          error={merge?.errors.date}
        />
        <ReformOutcome answer={merge} />
      </Form>

      <Form method="post" className="card space-y-3" aria-labelledby="tier-title">
        <h2 id="tier-title" className="text-xl font-semibold">
          {t("units.reforms.retireTier")}
        </h2>
        <input type="hidden" name="kind" value="retire-tier" />
        <SelectField
          label={t("units.reforms.tier")}
          name="tierCode"
          defaultValue={retire?.values.tierCode || "district"}
          error={retire?.errors.tierCode}
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
          defaultValue={retire?.values.withinCode}
          error={retire?.errors.withinCode}
        />
        <Field
          label={t("units.effectiveDate")}
          name="date"
          type="date"
          defaultValue={retire?.values.date || today}
          required
          error={retire?.errors.date}
        />
        <ReformOutcome answer={retire} />
      </Form>
    </div>
  );
}

/** The preview (or result) of one form, and its buttons: "Apply" appears only once there is a preview to confirm. */
function ReformOutcome({ answer }: { answer: ReformAnswer | undefined }) {
  const t = useT();
  const confirmable = answer?.summary && answer.token && !answer.applied;
  return (
    <>
      <FieldError error={answer?.errors._form} />
      {answer ? <SummaryPanel answer={answer} /> : null}
      {confirmable ? <input type="hidden" name="token" value={answer.token ?? ""} /> : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="apply" value="0" className={confirmable ? "btn-secondary" : "btn"}>
          {t("units.reforms.preview")}
        </button>
        {confirmable ? (
          <button type="submit" name="apply" value="1" className="btn">
            {t("units.reforms.apply")}
          </button>
        ) : null}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
