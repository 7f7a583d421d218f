import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import QRCode from "qrcode";
import { useEffect } from "react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { currentCheckIn, eventDetail } from "~/services/events.server";
import { requireViewer } from "~/utils/auth.server";
import { idParam } from "~/utils/http.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.qr");

/** The check-in code on the trainer's screen: a QR code of the check-in address, renewed every minute. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = idParam(params.eventId);
  const detail = eventDetail(viewer, id);
  const { code, secondsLeft } = currentCheckIn(viewer, id);
  const url = `${new URL(request.url).origin}/events/${id}/check-in?code=${code}`;
  const svg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  // Without JavaScript the browser reloads itself when the code changes.
  return json(
    { title: detail.title, id, code, secondsLeft, svg },
    { headers: { Refresh: String(Math.max(5, secondsLeft + 1)), "Cache-Control": "no-store" } },
  );
}

export default function CheckInCode() {
  const { title, id, code, secondsLeft, svg } = useLoaderData<typeof loader>();
  const t = useT();
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setTimeout(() => revalidator.revalidate(), (secondsLeft + 1) * 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft, revalidator]);
  return (
    <div className="mx-auto max-w-md space-y-3 text-center">
      <p className="text-sm">
        <Link to={`/events/${id}`}>← {title}</Link>
      </p>
      <h1 className="text-xl font-semibold">{t("events.qr")}</h1>
      <div
        className="mx-auto w-full max-w-sm bg-white p-2"
        role="img"
        aria-label={t("events.qrCode", { code, seconds: secondsLeft })}
        // The SVG is generated on the server by the qrcode library from our own URL.
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <p className="text-3xl font-bold tracking-widest" data-testid="check-in-code">
        {code}
      </p>
      <p>{t("events.qrCode", { code, seconds: secondsLeft })}</p>
      <p className="text-sm text-slate-700">{t("events.qrHelp")}</p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
