import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError } from "~/components/ui/form";
import { PlacementFields } from "~/components/ui/placement-fields";
import { todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listPositions } from "~/models/units.server";
import { createUser } from "~/services/users.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { readForm } from "~/utils/request.server";
import { type FieldErrors, parseForm } from "~/validation/form";
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
  const parsed = parseForm(NewUserSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, created: null }, { status: 400 });
  const result = await createUser(viewer.actor, parsed.data);
  if (!result.ok)
    return json({ errors: { [result.field]: result.error } as FieldErrors, created: null }, { status: 400 });
  // Shown once, on this response only; it is never stored in clear.
  return json({ errors: {} as FieldErrors, created: { userId: result.userId, password: result.initialPassword } });
}

export default function NewUser() {
  const { positions, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = actionData?.errors ?? {};
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
      <Form method="post" className="mt-4 space-y-3" noValidate>
        <FieldError error={errors._form} />
        <Field label={t("users.fullName")} name="fullName" required autoComplete="off" error={errors.fullName} />
        <Field
          label={t("users.username")}
          name="username"
          required
          autoCapitalize="none"
          autoComplete="off"
          error={errors.username}
        />
        <Field label={t("users.phone")} name="phone" type="tel" inputMode="tel" error={errors.phone} />
        <Field label={t("users.email")} name="email" type="email" error={errors.email} />
        <PlacementFields positions={positions} today={today} errors={errors} idPrefix="new" />
        <p className="text-sm text-slate-600">{t("users.initialPasswordHelp")}</p>
        <button type="submit" className="btn w-full">
          {t("users.createSubmit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
