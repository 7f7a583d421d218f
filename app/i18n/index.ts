import { en } from "./en";
import { type MessageKey, vi } from "./vi";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { vi, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
  return value in vi;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => {
    const template = catalogue[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? formatParam(locale, params[name] as string | number) : whole,
    );
  };
}

function formatParam(locale: Locale, value: string | number): string {
  return typeof value === "number" ? formatNumber(locale, value) : value;
}

const intlLocale: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

// Building an Intl formatter costs far more than using one: keep one per locale and style.
const numberFormats = {
  vi: new Intl.NumberFormat(intlLocale.vi),
  en: new Intl.NumberFormat(intlLocale.en),
};
const dateStyle = { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" } as const;
const dateFormats = {
  vi: new Intl.DateTimeFormat(intlLocale.vi, dateStyle),
  en: new Intl.DateTimeFormat(intlLocale.en, dateStyle),
};
const dateTimeStyle = { ...dateStyle, hour: "2-digit", minute: "2-digit" } as const;
const dateTimeFormats = {
  vi: new Intl.DateTimeFormat(intlLocale.vi, dateTimeStyle),
  en: new Intl.DateTimeFormat(intlLocale.en, dateTimeStyle),
};

export function formatNumber(locale: Locale, value: number): string {
  return numberFormats[locale].format(value);
}

/** A percentage as written in the locale: 87,5% in Vietnamese, 87.5% in English. */
export function formatPercent(locale: Locale, value: number): string {
  return `${formatNumber(locale, value)}%`;
}

/** Dates as people write them: 23/11/2026 in both locales (en-GB keeps day first). */
export function formatDate(locale: Locale, value: string | Date | null | undefined): string {
  if (!value) return "";
  // A calendar date is written day first in both languages; skipping Intl here makes a
  // national export (millions of dates) seconds faster.
  const iso = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
  const date = typeof value === "string" ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return "";
  return dateFormats[locale].format(date);
}

export function formatDateTime(locale: Locale, value: Date | number): string {
  return dateTimeFormats[locale].format(value);
}

/** Today's calendar date in Vietnam, as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now);
}

/** Catalogue rows (tiers, positions) carry both names; pick the person's. */
export function localName(locale: Locale, row: { nameVi: string; nameEn: string }): string {
  return locale === "vi" ? row.nameVi : row.nameEn;
}
