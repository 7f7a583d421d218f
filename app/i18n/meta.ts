import { DEFAULT_LOCALE, isLocale, type MessageKey, translator } from "./index";

type Match = { id: string; data: unknown };

/** A page title in the person's language, read from the root loader's locale. */
export function pageTitle(matches: readonly Match[], key: MessageKey) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE);
  return [{ title: `${t(key)} · ${t("app.name")}` }];
}
