import { localName } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/validation/form";
import { Field, SelectField } from "./form";

/** Unit code, position and start date: the fields of a placement, in every form that makes one. */
export function PlacementFields({
  positions,
  today,
  errors,
  idPrefix,
}: {
  positions: { id: number; nameVi: string; nameEn: string }[];
  today: string;
  errors: FieldErrors;
  idPrefix: string;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <Field label={t("users.unitCode")} name="unitCode" id={`${idPrefix}-unit`} required error={errors.unitCode} />
      <SelectField label={t("users.position")} name="positionId" id={`${idPrefix}-position`} error={errors.positionId}>
        {positions.map((p) => (
          <option key={p.id} value={p.id}>
            {localName(locale, p)}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("users.startDate")}
        name="startDate"
        id={`${idPrefix}-start`}
        type="date"
        defaultValue={today}
        error={errors.startDate}
      />
    </>
  );
}
