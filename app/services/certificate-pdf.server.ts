import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { formatCertificateCode } from "~/domain/certificate";
import { formatDate, translator } from "~/i18n";
import type { CertificateRow } from "~/models/quiz.server";
import { type FontName, loadFonts, PDF_COLOURS } from "~/services/pdf-fonts.server";

type PdfCertificate = Pick<
  CertificateRow,
  | "code"
  | "holderName"
  | "positionName"
  | "unitName"
  | "courseTitle"
  | "courseVersionNumber"
  | "issuedOn"
  | "expiresOn"
  | "revokedAt"
>;

const BRAND = PDF_COLOURS.brand;
const INK = PDF_COLOURS.ink;
const MUTED = PDF_COLOURS.muted;
const RED = PDF_COLOURS.red;

/** Midnight in Vietnam on a calendar date: the moment the certificate was issued, as far as anyone knows. */
function vietnamMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

export async function certificatePdf(certificate: PdfCertificate, verificationUrl: string): Promise<Buffer> {
  const t = translator("vi");
  const en = translator("en");
  const code = formatCertificateCode(certificate.code);
  const issued = vietnamMidnight(certificate.issuedOn);
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    lang: "vi-VN",
    displayTitle: true,
    info: {
      Title: `${t("certificates.pdf.title")} ${code}`,
      Subject: certificate.courseTitle,
      Author: t("app.name"),
      Creator: t("app.name"),
      Producer: t("app.name"),
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const font = loadFonts();
  for (const name of Object.keys(font) as FontName[]) doc.registerFont(name, font[name]);

  const width = doc.page.width;
  const height = doc.page.height;

  // Frame: a thick and a thin rule, the look of a printed certificate.
  doc
    .lineWidth(3)
    .strokeColor(BRAND)
    .rect(22, 22, width - 44, height - 44)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(30, 30, width - 60, height - 60)
    .stroke();

  const left = 70;
  const textWidth = width - 2 * left;
  const centred = (text: string, y: number, size: number, name: FontName, color = INK) => {
    doc.font(name).fontSize(size).fillColor(color).text(text, left, y, { width: textWidth, align: "center" });
    return doc.y;
  };

  let y = centred(t("app.name").toUpperCase(), 52, 11, "semibold", BRAND);
  y = centred(t("certificates.pdf.title"), y + 14, 38, "bold", BRAND);
  y = centred(t("certificates.pdf.subtitle"), y + 2, 17, "semibold");
  y = centred(en("certificates.pdf.subtitle"), y + 2, 10, "regular", MUTED);

  y = centred(t("certificates.pdf.certifies"), y + 16, 13, "regular", MUTED);
  y = centred(certificate.holderName, y + 4, 28, "semibold");
  const placement = [
    certificate.positionName ? t("certificates.pdf.position", { position: certificate.positionName }) : null,
    certificate.unitName ? t("certificates.pdf.unit", { unit: certificate.unitName }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
  if (placement) y = centred(placement, y + 4, 12, "regular");

  y = centred(t("certificates.pdf.completed"), y + 14, 13, "regular", MUTED);
  doc
    .font("bold")
    .fontSize(18)
    .fillColor(INK)
    .text(certificate.courseTitle, left + 40, y + 4, {
      width: textWidth - 80,
      align: "center",
      // A long title wraps to two lines at most, so nothing spills onto a second page.
      height: 50,
      ellipsis: true,
    });
  y = doc.y;
  centred(
    t("certificates.pdf.version", { version: String(certificate.courseVersionNumber) }),
    y + 2,
    11,
    "regular",
    MUTED,
  );

  // Bottom left: dates and the code; bottom right: the QR code.
  const qrSize = 112;
  const qrX = width - 70 - qrSize;
  const qrY = height - 70 - qrSize - 22;
  const rows: [string, string][] = [
    [t("certificates.pdf.issuedOn"), formatDate("vi", certificate.issuedOn)],
    [t("certificates.pdf.expiresOn"), formatDate("vi", certificate.expiresOn)],
    [t("certificates.pdf.code"), code],
  ];
  let rowY = qrY + 14;
  for (const [label, value] of rows) {
    doc.font("regular").fontSize(12).fillColor(MUTED).text(label, left, rowY, { lineBreak: false });
    doc
      .font("semibold")
      .fontSize(12)
      .fillColor(INK)
      .text(value, left + 130, rowY, { lineBreak: false });
    rowY += 22;
  }
  doc
    .font("regular")
    .fontSize(9)
    .fillColor(MUTED)
    .text(t("certificates.pdf.verifyAt", { url: verificationUrl }), left, rowY + 6, {
      width: qrX - left - 30,
      link: verificationUrl,
    });

  drawQrCode(doc, verificationUrl, qrX, qrY, qrSize);
  doc
    .font("regular")
    .fontSize(9)
    .fillColor(MUTED)
    .text(t("certificates.pdf.scan"), qrX - 20, qrY + qrSize + 6, { width: qrSize + 40, align: "center" });

  if (certificate.revokedAt) {
    // A revoked certificate can still be downloaded (it is the holder's history), but it
    // must not pass for a valid one when printed.
    const stamp = t("certificates.pdf.revoked", { date: formatDate("vi", certificate.revokedAt) });
    doc.save();
    doc.rotate(-18, { origin: [width / 2, height / 2] });
    doc
      .font("bold")
      .fontSize(44)
      .fillColor(RED)
      .fillOpacity(0.35)
      .text(stamp, 0, height / 2 - 30, { width, align: "center", lineBreak: false });
    doc.restore();
  }

  doc.end();
  return done;
}

/** Dark modules as filled rectangles, one per horizontal run: small, sharp and deterministic. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill("#ffffff");
  doc.fillColor("#000000");
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) col++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill();
  doc.restore();
}
