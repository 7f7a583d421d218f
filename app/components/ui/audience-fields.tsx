import { localName, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { Checkboxes, Field } from "./form";

type Named = { code: string; nameVi: string; nameEn: string };

/**
 * Who a course or a training is for: a unit (by code), with or without the units below it,
 * narrowed to tiers and positions. The same fields wherever an audience is chosen.
 */
export function AudienceFields({
  unitName,
  unitLabel,
  unitHint,
  unitError,
  tiers,
  positions,
  values,
}: {
  unitName: string;
  unitLabel: string;
  unitHint: string;
  unitError?: MessageKey;
  tiers: readonly Named[];
  positions: readonly Named[];
  /** What was sent, when a refused form comes back (kept as typed). */
  values?: { unit?: string; includeSubunits?: boolean; tiers?: readonly string[]; positions?: readonly string[] };
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <Field label={unitLabel} name={unitName} hint={unitHint} error={unitError} defaultValue={values?.unit} />
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          name="includeSubunits"
          defaultChecked={values?.includeSubunits ?? true}
          className="size-5 shrink-0"
        />
        <span>{t("assignments.includeSubunits")}</span>
      </label>
      <Checkboxes
        legend={t("assignments.tiers")}
        name="tiers"
        checked={values?.tiers}
        items={tiers.map((x) => ({ value: x.code, label: localName(locale, x) }))}
      />
      <Checkboxes
        legend={t("assignments.positions")}
        name="positions"
        checked={values?.positions}
        items={positions.map((x) => ({ value: x.code, label: localName(locale, x) }))}
      />
    </>
  );
}
