import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatDate } from "~/i18n";
import { attendanceSheetPdf } from "~/services/attendance-sheet-pdf.server";
import { eventDetail } from "~/services/events.server";
import { attachmentDisposition } from "~/services/spreadsheet.server";
import { requireViewer } from "~/utils/auth.server";
import { idParam, notFound } from "~/utils/http.server";

/** The printable attendance sheet of one day, for places without a connection. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = idParam(params.eventId);
  const detail = eventDetail(viewer, id);
  const dayIndex = idParam(params.day);
  const day = detail.days.find((d) => d.dayIndex === dayIndex);
  if (!day) throw notFound();
  const pdf = await attendanceSheetPdf({
    title: detail.title,
    organiser: detail.organiser,
    place: detail.place,
    dayLabel: `Ngày ${day.dayIndex} — ${formatDate("vi", day.date)}, ${day.startsAt}–${day.endsAt}`,
    courses: detail.courses.map((c) => c.title),
    people: detail.invitees.map((p) => ({
      fullName: p.fullName,
      positionName: p.positionName ?? "",
      unitName: p.unitName ?? "",
      phone: null,
    })),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachmentDisposition(`diem-danh-${id}-ngay-${day.dayIndex}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}
