import { useT } from "~/i18n/react";

const STYLE = {
  active: "bg-green-100 text-green-900",
  merged: "bg-amber-100 text-amber-900",
  retired: "bg-slate-200 text-slate-800",
} as const;

export function UnitStatusBadge({ status }: { status: keyof typeof STYLE }) {
  const t = useT();
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-sm ${STYLE[status]}`}>{t(`units.status.${status}`)}</span>
  );
}
