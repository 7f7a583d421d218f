import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
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

const LOCALE_LABEL = { vi: "Tiếng Việt", en: "English" } as const;

/** The frame of every page: works at 360 px and without JavaScript (plain links and forms). */
export function AppShell({
  viewer,
  flash,
  children,
}: {
  viewer: ShellViewer | null;
  flash: MessageKey | null;
  children: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t("app.skipToContent")}
      </a>
      <header className="no-print border-b border-brand-800 bg-brand-700 text-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-3 py-2">
          <Link to="/" className="font-semibold text-white no-underline hover:no-underline">
            {t("app.name")}
          </Link>
          <div className="flex flex-wrap items-center gap-2 text-sm">
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
                  aria-label={`${t("nav.language")}: ${LOCALE_LABEL[l]}`}
                >
                  {LOCALE_LABEL[l]}
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
        {viewer ? (
          <div className="bg-brand-800">
            <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-3 py-1">
              <nav aria-label={t("nav.menu")}>
                <ul className="flex flex-wrap gap-x-1">
                  {viewer.nav.map((item) => (
                    <li key={item}>
                      <NavLink
                        to={NAV[item].to}
                        end={item === "myTraining"}
                        className={({ isActive }) =>
                          `inline-flex min-h-10 items-center rounded px-2 text-white no-underline hover:bg-white/10 hover:no-underline ${isActive ? "bg-white/20 font-semibold" : ""}`
                        }
                      >
                        {t(NAV[item].label)}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
              <p className="text-sm text-white/90" data-testid="viewer">
                <span className="font-medium">{viewer.fullName}</span>
                {viewer.unitName ? <span> · {viewer.unitName}</span> : null}
              </p>
            </div>
          </div>
        ) : null}
      </header>
      <main id="main" className="mx-auto max-w-5xl px-3 py-4">
        {flash ? (
          <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900">
            {t(flash)}
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
