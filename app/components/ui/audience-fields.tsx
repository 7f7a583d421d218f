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
}: {
  unitName: string;
  unitLabel: string;
  unitHint: string;
  unitError?: MessageKey;
  tiers: readonly Named[];
  positions: readonly Named[];
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <Field label={unitLabel} name={unitName} hint={unitHint} error={unitError} />
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" name="includeSubunits" defaultChecked className="size-5 shrink-0" />
        <span>{t("assignments.includeSubunits")}</span>
      </label>
      <Checkboxes
        legend={t("assignments.tiers")}
        name="tiers"
        items={tiers.map((x) => ({ value: x.code, label: localName(locale, x) }))}
      />
      <Checkboxes
        legend={t("assignments.positions")}
        name="positions"
        items={positions.map((x) => ({ value: x.code, label: localName(locale, x) }))}
      />
    </>
  );
}
