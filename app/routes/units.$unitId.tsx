import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionPanel } from "~/components/ui/action-panel";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, SelectField } from "~/components/ui/form";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { UnitStatusBadge } from "~/components/ui/unit-status";
import { can } from "~/domain/access";
import { formatDate, localName, todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { findUnitById, listAncestors, listChildren, listCurrentStaff, listTiers } from "~/models/units.server";
import {
  createUnit,
  mergeUnit,
  moveUnit,
  renameUnit,
  retireUnit,
  type UnitChangeResult,
} from "~/services/units.server";
import { requireUnit } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { badRequest, idParam } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { type FieldErrors, field, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "units.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const unit = requireUnit(viewer, "unit.view", idParam(params.unitId));
  const mergedInto = unit.mergedIntoId ? findUnitById(unit.mergedIntoId) : undefined;
  const canView = (path: string) => can(viewer.actor, "unit.view", path);
  return json({
    unit,
    ancestors: listAncestors(unit)
      .filter((a) => canView(a.path))
      .map((a) => ({ id: a.id, name: a.name })),
    mergedInto: mergedInto && canView(mergedInto.path) ? { id: mergedInto.id, name: mergedInto.name } : null,
    children: listChildren(unit.id).map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      status: c.status,
      tierNameVi: c.tierNameVi,
      tierNameEn: c.tierNameEn,
    })),
    staff: listCurrentStaff(unit.id),
    canEdit: can(viewer.actor, "unit.edit", unit.path),
    canViewPeople: can(viewer.actor, "user.view", unit.path),
    tiers: listTiers().filter((tier) => tier.active),
    today: todayInVietnam(),
  });
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), tierId: field.id, code: field.code, name: field.name }),
  z.object({ intent: z.literal("rename"), code: field.code, name: field.name }),
  z.object({ intent: z.literal("move"), parentCode: field.code }),
  z.object({ intent: z.literal("merge"), targetCode: field.code, date: field.date }),
  z.object({ intent: z.literal("retire"), date: field.date }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const unit = requireUnit(viewer, "unit.edit", idParam(params.unitId));
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  if (!["create", "rename", "move", "merge", "retire"].includes(intent)) throw badRequest();
  const parsed = parseForm(ActionSchema, formData);
  if (!parsed.ok) return json({ intent, errors: parsed.errors }, { status: 400 });
  const input = parsed.data;
  let result: UnitChangeResult;
  switch (input.intent) {
    case "create":
      result = createUnit(viewer.actor, {
        parentId: unit.id,
        tierId: input.tierId,
        code: input.code,
        name: input.name,
      });
      break;
    case "rename":
      result = renameUnit(viewer.actor, unit.id, input);
      break;
    case "move":
      result = moveUnit(viewer.actor, unit.id, input);
      break;
    case "merge":
      result = mergeUnit(viewer.actor, unit.id, input);
      break;
    case "retire":
      result = retireUnit(viewer.actor, unit.id, input);
      break;
  }
  if (!result.ok) return json({ intent, errors: { [result.field]: result.error } as FieldErrors }, { status: 400 });
  const target =
    input.intent === "create" || input.intent === "merge" || input.intent === "retire" ? result.unitId : unit.id;
  return redirect(`/units/${target}`, { headers: { "Set-Cookie": await flashMessage(request, "units.saved") } });
}

export default function UnitPage() {
  const { unit, ancestors, mergedInto, children, staff, canEdit, canViewPeople, tiers, today } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errorsFor = (intent: string): FieldErrors => (actionData?.intent === intent ? actionData.errors : {});
  const tierName = (x: { tierNameVi: string; tierNameEn: string }) =>
    localName(locale, { nameVi: x.tierNameVi, nameEn: x.tierNameEn });
  return (
    <div className="space-y-4">
      <nav aria-label="breadcrumb" className="text-sm">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link to="/units">{t("units.title")}</Link>
          </li>
          {ancestors.map((a) => (
            <li key={a.id}>
              › <Link to={`/units/${a.id}`}>{a.name}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{unit.name}</h1>
          <p className="text-slate-600">
            {tierName(unit)} · {t("units.code")} {unit.code}
            {unit.validFrom ? ` · ${t("units.validFrom")} ${formatDate(locale, unit.validFrom)}` : ""}
            {unit.validTo ? ` · ${t("units.validTo")} ${formatDate(locale, unit.validTo)}` : ""}
          </p>
          {mergedInto ? (
            <p>
              <Link to={`/units/${mergedInto.id}`}>{t("units.mergedInto", { name: mergedInto.name })}</Link>
            </p>
          ) : null}
        </div>
        <UnitStatusBadge status={unit.status} />
      </header>

      <section className="card" aria-labelledby="children-title">
        <h2 id="children-title" className="text-lg font-semibold">
          {t("units.children")} ({children.length})
        </h2>
        {children.length === 0 ? (
          <p className="text-slate-600">{t("units.noChildren")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {children.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <Link to={`/units/${c.id}`}>{c.name}</Link>{" "}
                  <span className="text-sm text-slate-600">
                    · {tierName(c)} · {c.code}
                  </span>
                </span>
                {c.status !== "active" ? <UnitStatusBadge status={c.status} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="staff-title">
        <h2 id="staff-title" className="text-lg font-semibold">
          {t("units.staff")} ({staff.length})
        </h2>
        {staff.length === 0 ? (
          <p className="text-slate-600">{t("units.noStaff")}</p>
        ) : (
          <ScrollRegion label={t("units.staff")}>
            <table className="table table-cards mt-2">
              <thead>
                <tr>
                  <th scope="col">{t("users.fullName")}</th>
                  <th scope="col">{t("units.position")}</th>
                  <th scope="col">{t("units.since")}</th>
                </tr>
              </thead>
              <tbody>
                {staff.map((s) => (
                  <tr key={s.placementId}>
                    <td data-label={t("users.fullName")}>
                      {canViewPeople ? <Link to={`/users/${s.userId}`}>{s.fullName}</Link> : s.fullName}
                    </td>
                    <td data-label={t("units.position")}>
                      {localName(locale, { nameVi: s.positionNameVi, nameEn: s.positionNameEn })}
                    </td>
                    <td data-label={t("units.since")}>{formatDate(locale, s.startDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      {canEdit && unit.status === "active" ? (
        <section className="space-y-4" aria-labelledby="admin-title">
          <h2 id="admin-title" className="text-lg font-semibold">
            {t("units.actions")}
          </h2>
          <ActionPanel
            title={t("units.create")}
            intent="create"
            errors={errorsFor("create")}
            submit={t("units.createSubmit")}
          >
            <SelectField label={t("units.tier")} name="tierId" error={errorsFor("create").tierId}>
              {tiers.map((tier) => (
                <option key={tier.id} value={tier.id}>
                  {localName(locale, tier)}
                </option>
              ))}
            </SelectField>
            <Field label={t("units.code")} name="code" id="create-code" required error={errorsFor("create").code} />
            <Field label={t("units.name")} name="name" id="create-name" required error={errorsFor("create").name} />
          </ActionPanel>
          <ActionPanel
            title={t("units.rename")}
            intent="rename"
            errors={errorsFor("rename")}
            submit={t("units.renameSubmit")}
          >
            <Field
              label={t("units.code")}
              name="code"
              id="rename-code"
              defaultValue={unit.code}
              required
              error={errorsFor("rename").code}
            />
            <Field
              label={t("units.name")}
              name="name"
              id="rename-name"
              defaultValue={unit.name}
              required
              error={errorsFor("rename").name}
            />
          </ActionPanel>
          {unit.parentId !== null ? (
            <>
              <ActionPanel
                title={t("units.move")}
                intent="move"
                errors={errorsFor("move")}
                submit={t("units.moveSubmit")}
              >
                <Field label={t("units.moveTarget")} name="parentCode" required error={errorsFor("move").parentCode} />
              </ActionPanel>
              <ActionPanel
                title={t("units.merge")}
                intent="merge"
                errors={errorsFor("merge")}
                submit={t("units.mergeSubmit")}
                help={t("units.mergeHelp")}
                danger
              >
                <Field
                  label={t("units.mergeTarget")}
                  name="targetCode"
                  required
                  error={errorsFor("merge").targetCode}
                />
                <Field
                  label={t("units.effectiveDate")}
                  name="date"
                  id="merge-date"
                  type="date"
                  defaultValue={today}
                  required
                  error={errorsFor("merge").date}
                />
              </ActionPanel>
              <ActionPanel
                title={t("units.retire")}
                intent="retire"
                errors={errorsFor("retire")}
                submit={t("units.retireSubmit")}
                help={t("units.retireHelp")}
                danger
              >
                <Field
                  label={t("units.effectiveDate")}
                  name="date"
                  id="retire-date"
                  type="date"
                  defaultValue={today}
                  required
                  error={errorsFor("retire").date}
                />
              </ActionPanel>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
