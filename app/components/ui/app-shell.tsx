import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { type ReactNode, useRef } from "react";
import type { NavItem } from "~/domain/access";
import { LOCALES, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

export interface ShellViewer {
  fullName: string;
  unitName: string | null;
  nav: NavItem[];
}

const NAV: Record<NavItem, { to: string; label: MessageKey }> = {
  myTraining: { to: "/", label: "nav.myTraining" },
  certificates: { to: "/certificates", label: "nav.certificates" },
  reports: { to: "/reports", label: "nav.reports" },
  assignments: { to: "/assignments", label: "nav.assignments" },
  roster: { to: "/roster", label: "nav.roster" },
  events: { to: "/events", label: "nav.events" },
  authoring: { to: "/author", label: "nav.authoring" },
  units: { to: "/units", label: "nav.units" },
  users: { to: "/users", label: "nav.users" },
  corrections: { to: "/corrections", label: "nav.corrections" },
  audit: { to: "/audit", label: "nav.audit" },
};

/** Everyone's own pages stay in the bar; the work of managing sits behind one "Quản lý" menu. */
const ALWAYS_SHOWN: readonly NavItem[] = ["myTraining", "certificates"];

/**
 * Splits the menu so that it fits one or two rows on a 360-px phone whatever the roles:
 * one item left over would not need a menu of its own, so it stays in the bar.
 */
export function groupNavigation(items: readonly NavItem[]): { main: NavItem[]; manage: NavItem[] } {
  const manage = items.filter((item) => !ALWAYS_SHOWN.includes(item));
  if (manage.length <= 1) return { main: [...items], manage: [] };
  return { main: items.filter((item) => ALWAYS_SHOWN.includes(item)), manage };
}

function MenuLink({ item, block = false }: { item: NavItem; block?: boolean }) {
  const t = useT();
  return (
    <NavLink
      to={NAV[item].to}
      end={item === "myTraining"}
      className={({ isActive }) =>
        `${block ? "flex" : "inline-flex"} min-h-10 items-center rounded px-2 text-white no-underline hover:bg-white/10 hover:no-underline ${isActive ? "bg-white/20 font-semibold" : ""}`
      }
    >
      {t(NAV[item].label)}
    </NavLink>
  );
}

/** A one-time message from the last form (app/utils/flash.server.ts), with an id per sending. */
export interface Flash {
  message: MessageKey;
  id: string;
}

/**
 * The root loader reads (and so clears) the flash cookie, but a client-side navigation does
 * not run the root loader again, so its data would keep the message on every later page.
 * The message belongs to the page it arrived with: once the location moves on, it is gone,
 * also when the person comes back to that page.
 */
function useFlashOnce(flash: Flash | null): MessageKey | null {
  const location = useLocation();
  const seen = useRef<{ id: string; key: string; gone: boolean } | null>(null);
  if (flash && seen.current?.id !== flash.id) seen.current = { id: flash.id, key: location.key, gone: false };
  if (seen.current && seen.current.key !== location.key) seen.current.gone = true;
  return flash && seen.current && !seen.current.gone ? flash.message : null;
}

const LOCALE_LABEL = { vi: "Tiếng Việt", en: "English" } as const;

/** The frame of every page: works at 360 px and without JavaScript (plain links and forms). */
export function AppShell({
  viewer,
  flash,
  children,
}: {
  viewer: ShellViewer | null;
  flash: Flash | null;
  children: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const message = useFlashOnce(flash);
  const { main, manage } = groupNavigation(viewer?.nav ?? []);
  const manageActive = manage.some((item) => location.pathname.startsWith(NAV[item].to));
  const here = `${location.pathname}${location.search}`;
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t("app.skipToContent")}
      </a>
      {/* Two rows on a 360-px phone whatever the roles: who and where, then one row of menu. */}
      <header className="no-print border-b border-brand-800 bg-brand-700 text-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-2 px-3 py-1.5">
          <div className="min-w-0">
            <Link to="/" className="block font-semibold text-white no-underline hover:no-underline">
              {t("app.name")}
            </Link>
            {viewer ? (
              <p className="truncate text-xs text-white/90 sm:text-sm" data-testid="viewer">
                <span className="font-medium">{viewer.fullName}</span>
                {viewer.unitName ? <span> · {viewer.unitName}</span> : null}
              </p>
            ) : null}
          </div>
          <div className="flex shrink-0 items-center gap-2 text-sm">
            <Form method="post" action="/locale" className="flex items-center gap-1">
              <input type="hidden" name="redirectTo" value={here} />
              {LOCALES.filter((l) => l !== locale).map((l) => (
                <button
                  key={l}
                  type="submit"
                  name="locale"
                  value={l}
                  lang={l}
                  className="min-h-9 rounded border border-white/40 px-2 text-white hover:bg-white/10"
                  title={`${t("nav.language")}: ${LOCALE_LABEL[l]}`}
                >
                  {/* On a phone the language's code, its full name read out too (and shown from the
                      small breakpoint up): the visible text stays part of the button's name. */}
                  <span className="sm:hidden">{l.toUpperCase()}</span>
                  <span className="sr-only sm:not-sr-only">{LOCALE_LABEL[l]}</span>
                </button>
              ))}
            </Form>
            {viewer ? (
              <Form method="post" action="/logout">
                <button
                  type="submit"
                  className="min-h-9 rounded border border-white/40 px-2 text-white hover:bg-white/10"
                >
                  {t("nav.signOut")}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
        {viewer && viewer.nav.length > 0 ? (
          <div className="bg-brand-800">
            <div className="mx-auto max-w-5xl px-3 py-1">
              <nav aria-label={t("nav.menu")}>
                <ul className="flex flex-wrap items-center gap-x-1">
                  {main.map((item) => (
                    <li key={item}>
                      <MenuLink item={item} />
                    </li>
                  ))}
                  {manage.length > 0 ? (
                    <li className="relative">
                      {/* A disclosure, so it opens without JavaScript; a new page closes it. */}
                      <details key={location.key} className="group" data-testid="manage-menu">
                        <summary
                          className={`inline-flex min-h-10 cursor-pointer items-center gap-1 rounded px-2 text-white hover:bg-white/10 ${manageActive ? "bg-white/20 font-semibold" : ""}`}
                        >
                          {t("nav.manage")}
                          <span aria-hidden="true" className="text-xs group-open:rotate-180">
                            ▾
                          </span>
                        </summary>
                        <ul className="absolute right-0 z-20 mt-1 min-w-52 rounded-md border border-white/20 bg-brand-800 p-1 shadow-lg sm:left-0 sm:right-auto">
                          {manage.map((item) => (
                            <li key={item}>
                              <MenuLink item={item} block />
                            </li>
                          ))}
                        </ul>
                      </details>
                    </li>
                  ) : null}
                </ul>
              </nav>
            </div>
          </div>
        ) : null}
      </header>
      <main id="main" className="mx-auto max-w-5xl px-3 py-4">
        {message ? (
          <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900">
            {t(message)}
          </p>
        ) : null}
        {children}
      </main>
      <footer className="mx-auto max-w-5xl px-3 pb-6 text-sm text-slate-700">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <Link to="/privacy">{t("privacy.footer")}</Link>
          </li>
          {viewer ? (
            <li>
              <Link to="/my-data">{t("privacy.myDataLink")}</Link>
            </li>
          ) : null}
        </ul>
      </footer>
    </>
  );
}
