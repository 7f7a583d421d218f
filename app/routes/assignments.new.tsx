import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AudienceFields } from "~/components/ui/audience-fields";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError, SelectField } from "~/components/ui/form";
import { type MessageKey, todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listPositions, listTiers } from "~/models/units.server";
import { assignableCourses, createAssignment } from "~/services/assignments.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { NewAssignmentSchema } from "~/validation/assignments";
import { type FieldErrors, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assignments.new");

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
  const parsed = parseForm(NewAssignmentSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, params: null }, { status: 400 });
  const result = createAssignment(viewer.actor, { ...parsed.data, unitCode: parsed.data.unitCode });
  if (!result.ok) {
    return json(
      { errors: { [result.field]: result.error } as FieldErrors, params: result.params ?? null },
      { status: 400 },
    );
  }
  return redirect("/assignments", { headers: { "Set-Cookie": await flashMessage(request, "assignments.created") } });
}

export default function NewAssignment() {
  const { courses, tiers, positions, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = actionData?.errors ?? {};
  const t = useT();
  return (
    <section className="card mx-auto max-w-lg" aria-labelledby="assign-title">
      <h1 id="assign-title" className="text-xl font-semibold">
        {t("assignments.new")}
      </h1>
      <Form method="post" className="mt-4 space-y-4" noValidate>
        <FieldError error={errors._form} />
        <SelectField label={t("assignments.course")} name="courseSlug" error={errors.courseSlug}>
          {courses.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.title}
            </option>
          ))}
        </SelectField>
        <AudienceFields
          unitName="unitCode"
          unitLabel={t("assignments.unitCode")}
          unitHint={t("assignments.unitHelp")}
          unitError={errors.unitCode}
          tiers={tiers}
          positions={positions}
        />
        <div className="space-y-1">
          <label htmlFor="usernames" className="block font-medium">
            {t("assignments.people")}
          </label>
          <textarea id="usernames" name="usernames" rows={3} className="input" autoCapitalize="none" />
          <FieldError error={errors.usernames as MessageKey | undefined} params={actionData?.params ?? undefined} />
        </div>
        <Field label={t("assignments.dueOn")} name="dueOn" type="date" min={today} required error={errors.dueOn} />
        <button type="submit" className="btn w-full">
          {t("assignments.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
