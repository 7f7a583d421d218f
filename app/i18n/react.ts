import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, isLocale, type Locale, type Translate, translator } from "./index";

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: string }>("root");
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}
