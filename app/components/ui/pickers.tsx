/**
 * One unit picker and one people picker for every form that names units or people (decision
 * 023). They send the same values as before (unit codes, usernames) as radio buttons or
 * checkboxes. Without JavaScript, "Tìm" posts the form with `intent=find:<field>` and the
 * server answers with what was typed and the choices; with it, the same choices come from
 * /pickers/units and /pickers/people as the person types.
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from "react";
import { localName, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import type { PersonChoice, PickerFound, PickerPurpose, PickerState, UnitChoice } from "~/services/pickers.server";
import { FieldError, type FieldMeta } from "./form";

const PickerContext = createContext<{ purpose: PickerPurpose; state: PickerState | null }>({
  purpose: "event",
  state: null,
});

/** The purpose of the form's pickers and what the server said of them (names of chosen values, a search's results). */
export function PickerProvider({
  purpose,
  state,
  children,
}: {
  purpose: PickerPurpose;
  state: PickerState | null | undefined;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ purpose, state: state ?? null }), [purpose, state]);
  return <PickerContext.Provider value={value}>{children}</PickerContext.Provider>;
}

/**
 * The form's first submit button, out of sight: Enter in an ordinary field submits the form,
 * not the first picker's search.
 */
export function DefaultSubmit({ name, value, label }: { name?: string; value?: string; label: string }) {
  return (
    <button type="submit" name={name} value={value} tabIndex={-1} aria-hidden="true" className="sr-only">
      {label}
    </button>
  );
}

interface Choice {
  value: string;
  title: string;
  detail: string;
  children: number;
}

type Found = { choices: Choice[]; under: Choice | null; truncated: boolean; query: string };

function valuesOf(meta: FieldMeta | undefined, fallback: string | readonly string[] | undefined): string[] {
  const sent = meta ? (meta.initialValue as unknown) : undefined;
  const raw = sent === undefined ? fallback : sent;
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  return list.filter((v): v is string => typeof v === "string" && v !== "");
}

function useUnitChoice() {
  const t = useT();
  const locale = useLocale();
  return (u: UnitChoice): Choice => ({
    value: u.code,
    title: u.name,
    detail: [
      localName(locale, { nameVi: u.tierNameVi, nameEn: u.tierNameEn }),
      `${u.code}`,
      u.parentName ? t("pickers.in", { name: u.parentName }) : null,
    ]
      .filter(Boolean)
      .join(" · "),
    children: u.children,
  });
}

function usePersonChoice() {
  const locale = useLocale();
  return (p: PersonChoice): Choice => ({
    value: p.username,
    title: p.fullName,
    detail: [
      p.positionNameVi ? localName(locale, { nameVi: p.positionNameVi, nameEn: p.positionNameEn ?? "" }) : null,
      p.unitName,
    ]
      .filter(Boolean)
      .join(" · "),
    children: 0,
  });
}

/** A unit picker: one unit (radio buttons) or several (checkboxes), within the viewer's reach for the form. */
export function UnitPicker(props: PickerProps & { multiple?: boolean; optional?: boolean }) {
  const { state } = useContext(PickerContext);
  const toChoice = useUnitChoice();
  return (
    <Picker
      {...props}
      kind="units"
      known={(state?.labels.units ?? []).map(toChoice)}
      found={foundFor(state?.found, props.name, (f) =>
        f.units
          ? {
              choices: f.units.units.map(toChoice),
              under: f.units.under ? toChoice(f.units.under) : null,
              truncated: f.units.truncated,
              query: f.query,
            }
          : null,
      )}
      toChoices={(body) => {
        const answer = body as { units: UnitChoice[]; under: UnitChoice | null; truncated: boolean };
        return {
          choices: answer.units.map(toChoice),
          under: answer.under ? toChoice(answer.under) : null,
          truncated: answer.truncated,
        };
      }}
    />
  );
}

/** A people picker: people found by name, shown with their position and unit, never their phone. */
export function PeoplePicker(props: PickerProps) {
  const { state } = useContext(PickerContext);
  const toChoice = usePersonChoice();
  return (
    <Picker
      {...props}
      kind="people"
      multiple
      known={(state?.labels.people ?? []).map(toChoice)}
      found={foundFor(state?.found, props.name, (f) =>
        f.people ? { choices: f.people.map(toChoice), under: null, truncated: false, query: f.query } : null,
      )}
      toChoices={(body) => ({
        choices: (body as { people: PersonChoice[] }).people.map(toChoice),
        under: null,
        truncated: false,
      })}
    />
  );
}

function foundFor(found: PickerFound | null | undefined, name: string, map: (f: PickerFound) => Found | null) {
  return found && found.field === name ? map(found) : null;
}

interface PickerProps {
  name: string;
  label: string;
  hint?: string;
  meta?: FieldMeta;
  /** The value(s) chosen before anything was sent (a form's default). */
  defaultValue?: string | readonly string[];
  error?: MessageKey;
  errorParams?: Record<string, string>;
}

function Picker({
  name,
  label,
  hint,
  meta,
  defaultValue,
  error,
  errorParams,
  kind,
  multiple = false,
  optional = false,
  known,
  found,
  toChoices,
}: PickerProps & {
  kind: "units" | "people";
  multiple?: boolean;
  optional?: boolean;
  known: Choice[];
  found: Found | null;
  toChoices: (body: unknown) => Omit<Found, "query">;
}) {
  const t = useT();
  const { purpose } = useContext(PickerContext);
  const values = valuesOf(meta, defaultValue);
  const valuesKey = values.join("\n");
  const chosenFrom = () =>
    values.map(
      (v) =>
        known.find((k) => k.value.toLowerCase() === v.toLowerCase()) ?? { value: v, title: v, detail: "", children: 0 },
    );
  const [chosen, setChosen] = useState<Choice[]>(chosenFrom);
  const [results, setResults] = useState<Found | null>(found);
  const [loading, setLoading] = useState(false);
  // What the server sent back replaces the choices only when it changes (a new answer), not on every render.
  const knownKey = known.map((k) => `${k.value}\t${k.title}`).join("\n");
  const foundKey = found ? JSON.stringify(found) : "";
  useEffect(() => setChosen(chosenFrom()), [valuesKey, knownKey]);
  useEffect(() => setResults(found), [foundKey]);

  const id = meta?.id ?? `picker-${name}`;
  const shownError = (meta?.errors?.[0] as MessageKey | undefined) ?? error;
  const searchId = `${id}-find`;
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const request = useRef<AbortController>();

  const ask = (params: Record<string, string>) => {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setLoading(true);
    fetch(`/pickers/${kind}?${new URLSearchParams({ purpose, ...params })}`, {
      signal: controller.signal,
      headers: { Accept: "application/json" },
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((body) => setResults({ ...toChoices(body), query: params.q ?? "" }))
      .catch(() => undefined)
      .finally(() => {
        if (request.current === controller) setLoading(false);
      });
  };
  const search = (query: string) => {
    clearTimeout(timer.current);
    if (kind === "people" && query.trim().length < 2) {
      setResults(query.trim() ? { choices: [], under: null, truncated: false, query } : null);
      return;
    }
    ask({ q: query });
  };

  const choose = (choice: Choice, on: boolean) => {
    if (!multiple) setChosen(on ? [choice] : []);
    else
      setChosen((list) =>
        on ? [...list.filter((c) => c.value !== choice.value), choice] : list.filter((c) => c.value !== choice.value),
      );
  };
  const chosenValues = new Set(chosen.map((c) => c.value));
  const others = (results?.choices ?? []).filter((c) => !chosenValues.has(c.value));
  const describedBy = [hint ? `${id}-hint` : null, shownError ? `${id}-error` : null].filter(Boolean).join(" ");

  const option = (choice: Choice, checked: boolean) => (
    <li key={choice.value} className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-100 py-1">
      <label className="flex min-h-11 min-w-0 flex-1 items-center gap-3">
        <input
          type={multiple ? "checkbox" : "radio"}
          name={name}
          value={choice.value}
          checked={checked}
          onChange={(e) => choose(choice, e.currentTarget.checked)}
          className="size-5 shrink-0"
        />
        <span className="min-w-0">
          <span className="block font-medium">{choice.title}</span>
          {choice.detail ? <span className="block text-sm text-slate-600">{choice.detail}</span> : null}
        </span>
      </label>
      {kind === "units" && choice.children > 0 ? (
        <button
          type="submit"
          name="intent"
          value={`open:${name}:${choice.value}`}
          className="btn-secondary text-sm"
          onClick={(e) => {
            e.preventDefault();
            ask({ under: choice.value });
          }}
        >
          {t("pickers.showChildren", { count: choice.children })}
        </button>
      ) : null}
    </li>
  );

  return (
    <fieldset className="space-y-2" aria-describedby={describedBy || undefined} data-picker={name}>
      <legend className="font-medium">{label}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ul className="space-y-0" aria-label={t("pickers.chosen")}>
        {chosen.map((c) => option(c, true))}
        {optional && !multiple ? (
          <li className="border-t border-slate-100 py-1">
            <label className="flex min-h-11 items-center gap-3">
              <input
                type="radio"
                name={name}
                value=""
                checked={chosen.length === 0}
                onChange={() => setChosen([])}
                className="size-5 shrink-0"
              />
              <span>{t("pickers.none")}</span>
            </label>
          </li>
        ) : null}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={searchId} className="block text-sm font-medium">
            {kind === "units" ? t("pickers.searchUnit") : t("pickers.searchPeople")}
          </label>
          <input
            id={searchId}
            name={`find_${name}`}
            type="search"
            autoComplete="off"
            defaultValue={found?.query ?? ""}
            placeholder={kind === "units" ? t("pickers.searchUnitPlaceholder") : t("pickers.searchPeoplePlaceholder")}
            className="input"
            onInput={(e) => {
              const query = e.currentTarget.value;
              clearTimeout(timer.current);
              timer.current = setTimeout(() => search(query), 250);
            }}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              search(e.currentTarget.value);
            }}
          />
        </div>
        <button
          type="submit"
          name="intent"
          value={`find:${name}`}
          className="btn-secondary"
          onClick={(e) => {
            e.preventDefault();
            const input = document.getElementById(searchId) as HTMLInputElement | null;
            search(input?.value ?? "");
          }}
        >
          {t("pickers.find")}
        </button>
      </div>
      <div aria-live="polite" className="space-y-1">
        {loading ? <p className="text-sm text-slate-600">{t("pickers.loading")}</p> : null}
        {results ? (
          <>
            {results.under ? (
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                {t("pickers.underOf", { name: results.under.title })}
                <button
                  type="submit"
                  name="intent"
                  value={`open:${name}:`}
                  className="btn-secondary text-sm"
                  onClick={(e) => {
                    e.preventDefault();
                    ask({});
                  }}
                >
                  {t("pickers.backToTop")}
                </button>
              </p>
            ) : null}
            {others.length > 0 ? (
              <ul aria-label={t("pickers.results")} data-testid={`choices-${name}`}>
                {others.map((c) => option(c, false))}
              </ul>
            ) : results.choices.length === 0 && !loading ? (
              <p className="text-sm text-slate-600">
                {kind === "people" && results.query.trim().length < 2 ? t("pickers.typeMore") : t("pickers.noResults")}
              </p>
            ) : null}
            {results.truncated ? <p className="text-sm text-slate-600">{t("pickers.truncated")}</p> : null}
          </>
        ) : null}
      </div>
      <FieldError id={`${id}-error`} error={shownError} params={{ field: label, ...errorParams }} />
    </fieldset>
  );
}

/**
 * How many people the audience reaches now ("142 người sẽ được giao"), counted on the server
 * by the function that then creates the assignment or the invitations. With JavaScript it is
 * counted again as the audience changes; without, "Xem số người" asks (`intent=count`).
 */
export function AudienceCount({
  fields,
  labels,
  count,
  error,
  errorParams,
  verb,
}: {
  fields: { unit: string; people: string };
  labels: { unit: string; people: string };
  count: number | null;
  error?: { field: string; error: MessageKey; params?: Record<string, string> } | null;
  errorParams?: Record<string, string>;
  verb: "assign" | "invite";
}) {
  const t = useT();
  const { purpose } = useContext(PickerContext);
  const [answer, setAnswer] = useState({ count, error: error ?? null });
  useEffect(() => setAnswer({ count, error: error ?? null }), [count, error]);
  const box = useRef<HTMLDivElement>(null);

  const refresh = useRef<() => void>(() => undefined);
  refresh.current = () => {
    const form = box.current?.closest("form");
    if (!form) return;
    const data = new FormData(form);
    const query = new URLSearchParams({ purpose });
    const unit = data.get(fields.unit);
    if (typeof unit === "string" && unit) query.set("unit", unit);
    if (data.get("includeSubunits")) query.set("includeSubunits", "on");
    for (const name of ["tiers", "positions"]) for (const v of data.getAll(name)) query.append(name, String(v));
    for (const v of data.getAll(fields.people)) if (v) query.append("people", String(v));
    fetch(`/pickers/audience?${query}`, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then(
        (body: {
          count: number | null;
          field: string | null;
          error: MessageKey | null;
          params: Record<string, string> | null;
        }) =>
          setAnswer({
            count: body.count,
            error: body.error ? { field: body.field ?? "", error: body.error, params: body.params ?? undefined } : null,
          }),
      )
      .catch(() => undefined);
  };
  useEffect(() => {
    const form = box.current?.closest("form");
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (e: Event) => {
      const target = e.target as HTMLInputElement | null;
      if (target?.name?.startsWith("find_")) return;
      clearTimeout(timer);
      timer = setTimeout(() => refresh.current(), 300);
    };
    form.addEventListener("change", onChange);
    refresh.current();
    return () => {
      clearTimeout(timer);
      form.removeEventListener("change", onChange);
    };
  }, []);

  const field = answer.error?.field === fields.people || answer.error?.field === "people" ? labels.people : labels.unit;
  return (
    <div ref={box} className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3">
      <p aria-live="polite" data-testid="audience-count" className="font-medium">
        {answer.error ? (
          <span className="text-red-700">
            {t(answer.error.error, { field, ...answer.error.params, ...errorParams })}
          </span>
        ) : answer.count === null ? (
          t("audience.countNone")
        ) : (
          t(verb === "assign" ? "audience.count" : "audience.countInvited", { count: answer.count })
        )}
      </p>
      <button
        type="submit"
        name="intent"
        value="count"
        className="btn-secondary"
        onClick={(e) => {
          e.preventDefault();
          refresh.current();
        }}
      >
        {t("audience.recount")}
      </button>
    </div>
  );
}
