import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionPanel } from "~/components/ui/action-panel";
import { CertificateStatusBadge } from "~/components/ui/certificates";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError, SelectField } from "~/components/ui/form";
import { PlacementFields } from "~/components/ui/placement-fields";
import { can, canReachPerson, ROLES } from "~/domain/access";
import { certificateStatus, formatCertificateCode } from "~/domain/certificate";
import { formatDate, localName, todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listCertificatesOf } from "~/models/quiz.server";
import { isTreeRootPath, listPositions } from "~/models/units.server";
import { attachedUnitPaths, listGrants, listPlacements } from "~/models/users.server";
import {
  addPlacement,
  endPlacement,
  grantRole,
  resetPassword,
  revokeGrant,
  setActive,
  type UserChangeResult,
  updateProfile,
} from "~/services/users.server";
import { requirePerson } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { type FieldErrors, parseForm } from "~/validation/form";
import { PERSON_INTENTS, PersonActionSchema } from "~/validation/users";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const person = requirePerson(viewer, "user.view", params.userId ?? "");
  const canEdit = canReachPerson(viewer.actor, "user.edit", attachedUnitPaths(person.id), isTreeRootPath);
  const visible = (path: string) => can(viewer.actor, "unit.view", path);
  return json({
    person,
    isSelf: person.id === viewer.user.id,
    canEdit,
    placements: listPlacements(person.id).map((p) => ({ ...p, unitLink: visible(p.unitPath) })),
    grants: listGrants(person.id).map((g) => ({
      ...g,
      canRevoke: can(viewer.actor, "role.grant", g.unitPath),
      unitLink: visible(g.unitPath),
    })),
    certificates: listCertificatesOf(person.id).map((c) => ({
      id: c.id,
      courseTitle: c.courseTitle,
      code: formatCertificateCode(c.code),
      issuedOn: c.issuedOn,
      status: certificateStatus(c, todayInVietnam()),
    })),
    positions: canEdit ? listPositions() : [],
    today: todayInVietnam(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const person = requirePerson(viewer, "user.edit", params.userId ?? "");
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  if (!(PERSON_INTENTS as readonly string[]).includes(intent)) throw badRequest();
  const parsed = parseForm(PersonActionSchema, formData);
  if (!parsed.ok) return json({ intent, errors: parsed.errors, temporaryPassword: null }, { status: 400 });
  const input = parsed.data;
  let result: UserChangeResult;
  switch (input.intent) {
    case "profile":
      result = updateProfile(viewer.actor, person.id, input);
      break;
    case "place":
      result = addPlacement(viewer.actor, person.id, input);
      break;
    case "endPlacement":
      result = endPlacement(viewer.actor, person.id, input);
      break;
    case "grant":
      result = grantRole(viewer.actor, person.id, input);
      break;
    case "revoke":
      result = revokeGrant(viewer.actor, person.id, input.grantId);
      break;
    case "setActive":
      result = await setActive(viewer.actor, person.id, input.active === "true");
      break;
    case "resetPassword": {
      const reset = await resetPassword(viewer.actor, person.id);
      if (!reset.ok)
        return json({ intent, errors: { [reset.field]: reset.error }, temporaryPassword: null }, { status: 400 });
      // The temporary password is shown once, in this response, and never stored in clear.
      return json({ intent, errors: {} as FieldErrors, temporaryPassword: reset.temporaryPassword });
    }
  }
  if (!result.ok) {
    return json(
      { intent, errors: { [result.field]: result.error } as FieldErrors, temporaryPassword: null },
      { status: 400 },
    );
  }
  return redirect(`/users/${person.id}`, { headers: { "Set-Cookie": await flashMessage(request, "users.saved") } });
}

export default function PersonPage() {
  const { person, isSelf, canEdit, placements, grants, certificates, positions, today } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errorsFor = (intent: string): FieldErrors => (actionData?.intent === intent ? actionData.errors : {});
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link to="/users">{t("users.title")}</Link>
      </nav>
      <header>
        <h1 className="text-2xl font-semibold">{person.fullName}</h1>
        <p className="text-slate-600">
          {person.username}
          {person.phone ? ` · ${person.phone}` : ""}
          {person.email ? ` · ${person.email}` : ""} · {person.active ? t("users.active") : t("users.inactive")}
        </p>
      </header>
      {actionData?.temporaryPassword ? (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-3"
          data-testid="temporary-password"
        >
          {t("users.passwordReset", { password: actionData.temporaryPassword })}
        </p>
      ) : null}

      <section className="card" aria-labelledby="placements-title">
        <h2 id="placements-title" className="text-lg font-semibold">
          {t("users.placements")}
        </h2>
        {placements.length === 0 ? (
          <p className="text-slate-600">{t("users.noPlacements")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {placements.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">
                    {localName(locale, { nameVi: p.positionNameVi, nameEn: p.positionNameEn })}
                  </span>{" "}
                  — {p.unitLink ? <Link to={`/units/${p.unitId}`}>{p.unitName}</Link> : p.unitName}
                  <span className="block text-sm text-slate-600">
                    {formatDate(locale, p.startDate)} –{" "}
                    {p.endDate ? t("users.ended", { date: formatDate(locale, p.endDate) }) : t("users.current")}
                  </span>
                </span>
                {canEdit && !p.endDate ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="endPlacement" />
                    <input type="hidden" name="placementId" value={p.id} />
                    <input type="hidden" name="endDate" value={today} />
                    <button type="submit" className="btn-secondary">
                      {t("users.endPlacement")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <FieldError error={errorsFor("endPlacement")._form} />
      </section>

      <section className="card" aria-labelledby="grants-title">
        <h2 id="grants-title" className="text-lg font-semibold">
          {t("users.grants")}
        </h2>
        {grants.length === 0 ? (
          <p className="text-slate-600">{t("users.noGrants")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {grants.map((g) => (
              <li key={g.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{t(`role.${g.role}`)}</span> —{" "}
                  {g.unitLink ? <Link to={`/units/${g.unitId}`}>{g.unitName}</Link> : g.unitName}
                </span>
                {canEdit && g.canRevoke ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="grantId" value={g.id} />
                    <button type="submit" className="btn-secondary">
                      {t("users.revoke")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <FieldError error={errorsFor("revoke")._form} />
      </section>

      <section className="card" aria-labelledby="certificates-title">
        <h2 id="certificates-title" className="text-lg font-semibold">
          {t("users.certificatesOf", { name: person.fullName })}
        </h2>
        {certificates.length === 0 ? (
          <p className="text-slate-600">{t("users.noCertificates")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {certificates.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <Link to={`/certificates/${c.id}`}>{c.courseTitle}</Link>
                  <span className="block text-sm text-slate-600">
                    {c.code} · {formatDate(locale, c.issuedOn)}
                  </span>
                </span>
                <CertificateStatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {canEdit ? (
        <section className="space-y-4">
          <ActionPanel
            title={t("users.editProfile")}
            intent="profile"
            errors={errorsFor("profile")}
            submit={t("users.saveProfile")}
          >
            <Field
              label={t("users.fullName")}
              name="fullName"
              id="profile-name"
              defaultValue={person.fullName}
              required
              error={errorsFor("profile").fullName}
            />
            <Field
              label={t("users.phone")}
              name="phone"
              id="profile-phone"
              type="tel"
              defaultValue={person.phone ?? ""}
              error={errorsFor("profile").phone}
            />
            <Field
              label={t("users.email")}
              name="email"
              id="profile-email"
              type="email"
              defaultValue={person.email ?? ""}
              error={errorsFor("profile").email}
            />
          </ActionPanel>
          <ActionPanel
            title={t("users.addPlacement")}
            intent="place"
            errors={errorsFor("place")}
            submit={t("users.addPlacementSubmit")}
          >
            <PlacementFields positions={positions} today={today} errors={errorsFor("place")} idPrefix="place" />
          </ActionPanel>
          <ActionPanel
            title={t("users.grantSubmit")}
            intent="grant"
            errors={errorsFor("grant")}
            submit={t("users.grantSubmit")}
          >
            <SelectField label={t("users.role")} name="role" id="grant-role" error={errorsFor("grant").role}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </SelectField>
            <Field
              label={t("users.grantAt")}
              name="unitCode"
              id="grant-unit"
              required
              error={errorsFor("grant").unitCode}
            />
          </ActionPanel>
          <ActionPanel
            title={t("users.resetPassword")}
            intent="resetPassword"
            errors={errorsFor("resetPassword")}
            submit={t("users.resetPasswordSubmit")}
            help={t("users.resetPasswordHelp")}
          />
          {!isSelf ? (
            <Form method="post" className="card">
              <input type="hidden" name="intent" value="setActive" />
              <input type="hidden" name="active" value={person.active ? "false" : "true"} />
              <FieldError error={errorsFor("setActive")._form} />
              <button type="submit" className={person.active ? "btn-danger" : "btn"}>
                {person.active ? t("users.deactivate") : t("users.activate")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
