import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FormError, formProps, useValidatedForm } from "~/components/ui/form";
import { PlacementFields } from "~/components/ui/placement-fields";
import { todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listPositions } from "~/models/units.server";
import { createUser } from "~/services/users.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { readForm } from "~/utils/request.server";
import { parseSubmission } from "~/validation/form";
import { NewUserSchema } from "~/validation/users";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "user.edit");
  return json({ positions: listPositions(), today: todayInVietnam() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "user.edit");
  const submission = parseSubmission(await readForm(request), NewUserSchema);
  if (submission.status !== "success") return json({ result: submission.reply(), created: null }, { status: 400 });
  const result = await createUser(viewer.actor, submission.value);
  if (!result.ok) {
    const reply =
      result.field === "_form"
        ? submission.reply({ formErrors: [result.error] })
        : submission.reply({ fieldErrors: { [result.field]: [result.error] } });
    return json({ result: reply, created: null }, { status: 400 });
  }
  // Shown once, on this response only; it is never stored in clear.
  return json({ result: null, created: { userId: result.userId, password: result.initialPassword } });
}

export default function NewUser() {
  const { positions, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(NewUserSchema, actionData?.result, { defaultValue: { startDate: today } });
  const t = useT();
  if (actionData?.created) {
    return (
      <section className="card mx-auto max-w-lg space-y-3" role="status">
        <h1 className="text-xl font-semibold">{t("users.new")}</h1>
        <p data-testid="initial-password">{t("users.created", { password: actionData.created.password })}</p>
        <p className="text-sm text-slate-600">{t("users.initialPasswordHelp")}</p>
        <Link to={`/users/${actionData.created.userId}`} className="btn">
          {t("users.title")}
        </Link>
      </section>
    );
  }
  return (
    <section className="card mx-auto max-w-lg" aria-labelledby="new-user-title">
      <h1 id="new-user-title" className="text-xl font-semibold">
        {t("users.new")}
      </h1>
      <Form method="post" className="mt-4 space-y-3" {...formProps(form)}>
        <FormError form={form} />
        <Field label={t("users.fullName")} meta={fields.fullName} required autoComplete="off" />
        <Field label={t("users.username")} meta={fields.username} required autoCapitalize="none" autoComplete="off" />
        <Field label={t("users.phone")} meta={fields.phone} type="tel" inputMode="tel" />
        <Field label={t("users.email")} meta={fields.email} type="email" />
        <PlacementFields
          positions={positions}
          today={today}
          idPrefix="new"
          fields={{ unitCode: fields.unitCode, positionId: fields.positionId, startDate: fields.startDate }}
        />
        <p className="text-sm text-slate-600">{t("users.initialPasswordHelp")}</p>
        <button type="submit" className="btn w-full">
          {t("users.createSubmit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
