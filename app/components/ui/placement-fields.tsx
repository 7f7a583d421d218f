import { localName } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/validation/form";
import { Field, type FieldMeta, SelectField } from "./form";

/** Unit code, position and start date: the fields of a placement, in every form that makes one. */
export function PlacementFields({
  positions,
  today,
  errors = {},
  idPrefix,
  fields,
}: {
  positions: { id: number; nameVi: string; nameEn: string }[];
  today: string;
  errors?: FieldErrors;
  idPrefix: string;
  /** A Conform form's fields: what was typed comes back with each error beside its field. */
  fields?: { unitCode: FieldMeta; positionId: FieldMeta; startDate: FieldMeta };
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <Field
        label={t("users.unitCode")}
        name="unitCode"
        id={`${idPrefix}-unit`}
        required
        error={errors.unitCode}
        meta={fields?.unitCode}
      />
      <SelectField
        label={t("users.position")}
        name="positionId"
        id={`${idPrefix}-position`}
        error={errors.positionId}
        meta={fields?.positionId}
      >
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
        defaultValue={fields ? undefined : today}
        error={errors.startDate}
        meta={fields?.startDate}
      />
    </>
  );
}
