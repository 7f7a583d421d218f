import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateFileName } from "~/domain/certificate";
import { certificatePdf } from "~/services/certificate-pdf.server";
import { requireViewableCertificate, verificationUrl } from "~/services/certificates.server";
import { requireViewer } from "~/utils/auth.server";
import { idParam } from "~/utils/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const certificate = requireViewableCertificate(viewer, idParam(params.certificateId));
  const pdf = await certificatePdf(certificate, verificationUrl(request, certificate.code));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${certificateFileName(certificate.code)}"`,
      "Content-Length": String(pdf.length),
      // The holder's name and unit are inside: never in a shared cache.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
