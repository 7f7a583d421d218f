import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { AppShell, type ShellViewer } from "~/components/ui/app-shell";
import { ErrorPage } from "~/components/ui/error-page";
import { navigationFor } from "~/domain/access";
import { DEFAULT_LOCALE } from "~/i18n";
import { useLocale } from "~/i18n/react";
import { listGrants, listPlacements } from "~/models/users.server";
import { getViewer } from "~/utils/auth.server";
import { readFlash } from "~/utils/flash.server";
import { resolveLocale } from "~/utils/locale.server";
import { useNonce } from "~/utils/nonce";
import stylesheet from "./tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, setCookie } = await getViewer(request, context);
  const locale = await resolveLocale(request, viewer);
  const flash = await readFlash(request);
  let shell: ShellViewer | null = null;
  if (viewer) {
    const placement = listPlacements(viewer.user.id).find((p) => p.endDate === null);
    const grant = listGrants(viewer.user.id)[0];
    shell = {
      fullName: viewer.user.fullName,
      unitName: placement?.unitName ?? grant?.unitName ?? null,
      nav: viewer.user.mustChangePassword || viewer.user.privacyNoticePending ? [] : navigationFor(viewer.actor),
    };
  }
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (flash.setCookie) headers.append("Set-Cookie", flash.setCookie);
  // The id tells one message from the same words flashed again by a later form.
  const flashed = flash.message ? { message: flash.message, id: crypto.randomUUID() } : null;
  return json({ locale, viewer: shell, flash: flashed }, { headers });
}

/** Pages whose route says `handle.hydrate === false` are served as plain HTML, without scripts. */
function useShouldHydrate(): boolean {
  return !useMatches().some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
}

function Document({ children, lang }: { children: ReactNode; lang: string }) {
  const hydrate = useShouldHydrate();
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  const { locale, viewer, flash } = useLoaderData<typeof loader>();
  return (
    <Document lang={locale}>
      <AppShell viewer={viewer} flash={flash}>
        <Outlet />
      </AppShell>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const locale = useLocale() ?? DEFAULT_LOCALE;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <Document lang={locale}>
      <AppShell viewer={null} flash={null}>
        <ErrorPage status={status} />
      </AppShell>
    </Document>
  );
}
