import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, SelectField } from "~/components/ui/form";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { authorableCourses, courseOwnerChoices, createCourse } from "~/services/authoring.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { NewCourseSchema } from "~/validation/authoring";
import { type FieldErrors, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "authoring.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "course.author");
  return json({ courses: authorableCourses(viewer), owners: courseOwnerChoices(viewer) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "course.author");
  const parsed = parseForm(NewCourseSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const result = createCourse(viewer, { ...parsed.data, ownerUnitCode: parsed.data.ownerUnitCode ?? null });
  if (!result.ok) return json({ errors: { [result.field]: result.error } as FieldErrors }, { status: 400 });
  return redirect(`/author/${result.slug}`, {
    headers: { "Set-Cookie": await flashMessage(request, "authoring.created") },
  });
}

export default function Authoring() {
  const { courses, owners } = useLoaderData<typeof loader>();
  const errors: FieldErrors = useActionData<typeof action>()?.errors ?? {};
  const t = useT();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("authoring.title")}</h1>
      {courses.length === 0 ? (
        <p className="text-slate-600">{t("authoring.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {courses.map((c) => (
            <li key={c.slug} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <Link to={`/author/${c.slug}`} className="font-medium">
                  {c.title}
                </Link>
                <p className="text-sm text-slate-600">
                  {c.ownerUnitName ?? t("authoring.national")} ·{" "}
                  {c.publishedVersion
                    ? t("authoring.published", { version: c.publishedVersion })
                    : t("authoring.notPublished")}
                  {c.hasDraft ? ` · ${t("authoring.hasDraft")}` : ""}
                </p>
              </div>
              <Link to={`/author/${c.slug}`} className="btn-secondary">
                {t("authoring.edit")}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <section className="card space-y-3" aria-labelledby="new-course">
        <h2 id="new-course" className="text-xl font-semibold">
          {t("authoring.new")}
        </h2>
        <Form method="post" className="space-y-3">
          <Field label={t("authoring.courseTitle")} name="title" error={errors.title} required maxLength={200} />
          <Field
            label={t("authoring.slug")}
            name="slug"
            hint={t("authoring.slugHelp")}
            error={errors.slug}
            required
            maxLength={60}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            autoCapitalize="none"
          />
          <SelectField label={t("authoring.owner")} name="ownerUnitCode" error={errors.ownerUnitCode}>
            {owners.units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
            {owners.national ? <option value="">{t("authoring.national")}</option> : null}
          </SelectField>
          <button type="submit" className="btn">
            {t("authoring.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
