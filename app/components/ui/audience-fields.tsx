import { localName, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { Checkboxes, type FieldMeta } from "./form";
import { UnitPicker } from "./pickers";

type Named = { code: string; nameVi: string; nameEn: string };

/**
 * Who a course or a training is for: a unit (chosen in the unit picker), with or without the
 * units below it, narrowed to tiers and positions. The same fields wherever an audience is chosen;
 * with Conform fields (`meta`) a refused form keeps every choice.
 */
export function AudienceFields({
  unitName,
  unitLabel,
  unitHint,
  unitError,
  unitErrorParams,
  tiers,
  positions,
  meta = {},
}: {
  unitName: string;
  unitLabel: string;
  unitHint: string;
  unitError?: MessageKey;
  unitErrorParams?: Record<string, string>;
  tiers: readonly Named[];
  positions: readonly Named[];
  meta?: { unit?: FieldMeta; includeSubunits?: FieldMeta; tiers?: FieldMeta; positions?: FieldMeta };
}) {
  const t = useT();
  const locale = useLocale();
  const subunits = meta.includeSubunits?.initialValue;
  return (
    <>
      <UnitPicker
        name={unitName}
        label={unitLabel}
        hint={unitHint}
        meta={meta.unit}
        error={unitError}
        errorParams={unitErrorParams}
        optional
      />
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          name="includeSubunits"
          defaultChecked={meta.includeSubunits ? subunits === "on" : true}
          className="size-5 shrink-0"
        />
        <span>{t("assignments.includeSubunits")}</span>
      </label>
      <Checkboxes
        legend={t("assignments.tiers")}
        name="tiers"
        meta={meta.tiers}
        items={tiers.map((x) => ({ value: x.code, label: localName(locale, x) }))}
      />
      <Checkboxes
        legend={t("assignments.positions")}
        name="positions"
        meta={meta.positions}
        items={positions.map((x) => ({ value: x.code, label: localName(locale, x) }))}
      />
    </>
  );
}
