import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AudienceFields } from "~/components/ui/audience-fields";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FormError, formProps, SelectField, useValidatedForm } from "~/components/ui/form";
import { AudienceCount, DefaultSubmit, PeoplePicker, PickerProvider } from "~/components/ui/pickers";
import { todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listPositions, listTiers } from "~/models/units.server";
import { assignableCourses, createAssignment } from "~/services/assignments.server";
import { countAudienceOfForm } from "~/services/audience.server";
import { pickerState } from "~/services/pickers.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { AssignmentAudienceSchema, NewAssignmentSchema } from "~/validation/assignments";
import { parseSubmission, replyAsTyped, replyRefused } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assignments.new");

const PICKERS = { units: ["unitCode"], people: ["usernames"] };
const AUDIENCE_FIELDS = { unit: "unitCode", people: "usernames" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "assignment.manage");
  return json({
    courses: assignableCourses(viewer.actor).map((c) => ({ slug: c.slug, title: c.title })),
    tiers: listTiers().filter((t) => t.active && t.code !== "nation"),
    positions: listPositions(),
    today: todayInVietnam(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "assignment.manage");
  const formData = await readForm(request);
  const pickers = pickerState(viewer, "assignment", formData, PICKERS);
  const answer = (
    result: ReturnType<typeof replyAsTyped>,
    extra: { count?: number | null; params?: Record<string, string> | null } = {},
    status = 200,
  ) => json({ result, pickers, count: extra.count ?? null, params: extra.params ?? null }, { status });
  if (pickers.found) return answer(replyAsTyped(formData));
  if (formData.get("intent") === "count") {
    const counted = countAudienceOfForm(
      viewer.actor,
      "assignment.manage",
      formData,
      parseSubmission(formData, AssignmentAudienceSchema),
      (value) => value,
      AUDIENCE_FIELDS,
    );
    return answer(counted.result, counted, counted.status);
  }
  const submission = parseSubmission(formData, NewAssignmentSchema);
  if (submission.status !== "success") return answer(submission.reply(), {}, 400);
  const result = createAssignment(viewer.actor, submission.value);
  if (!result.ok) return answer(replyRefused(submission, result), { params: result.params }, 400);
  return redirect("/assignments", { headers: { "Set-Cookie": await flashMessage(request, "assignments.created") } });
}

export default function NewAssignment() {
  const { courses, tiers, positions, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useValidatedForm(NewAssignmentSchema, actionData?.result, {
    id: "new-assignment",
    defaultValue: { includeSubunits: "on" },
  });
  const params = actionData?.params ?? undefined;
  const labels = { unit: t("label.assignUnit"), people: t("label.assignPeople") };
  return (
    <section className="card mx-auto max-w-lg" aria-labelledby="assign-title">
      <h1 id="assign-title" className="text-xl font-semibold">
        {t("assignments.new")}
      </h1>
      <PickerProvider purpose="assignment" state={actionData?.pickers}>
        <Form method="post" className="mt-4 space-y-4" {...formProps(form)}>
          <DefaultSubmit label={t("assignments.submit")} />
          <FormError form={form} />
          <SelectField label={t("assignments.course")} meta={fields.courseSlug}>
            {courses.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </SelectField>
          <AudienceFields
            unitName="unitCode"
            unitLabel={labels.unit}
            unitHint={t("assignments.unitHelp")}
            unitErrorParams={params}
            tiers={tiers}
            positions={positions}
            meta={{
              unit: fields.unitCode,
              includeSubunits: fields.includeSubunits,
              tiers: fields.tiers,
              positions: fields.positions,
            }}
          />
          <PeoplePicker name="usernames" label={labels.people} meta={fields.usernames} errorParams={params} />
          <AudienceCount fields={AUDIENCE_FIELDS} labels={labels} count={actionData?.count ?? null} verb="assign" />
          <Field label={t("assignments.dueOn")} meta={fields.dueOn} type="date" min={today} required />
          <button type="submit" className="btn w-full">
            {t("assignments.submit")}
          </button>
        </Form>
      </PickerProvider>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
