/**
 * How much a request may send, by route. The server (app/server) refuses a larger body
 * with 413 before reading it, so no request can fill a worker's memory; the upload
 * routes check their own file limits again as the parts stream in.
 */
import { MAX_MEDIA_BYTES } from "./course-format";

const KiB = 1024;
const MiB = 1024 * KiB;

/** Sign-in, settings and every ordinary form: a few kilobytes in practice. */
export const DEFAULT_BODY_LIMIT = 64 * KiB;
/** Lesson text as the trainer types it, URL-encoded (Vietnamese letters take up to 9 bytes each). */
export const AUTHORING_BODY_LIMIT = 1 * MiB;
/** A staff roster or an official unit list: .xlsx or .csv. */
export const SPREADSHEET_UPLOAD_BYTES = 20 * MiB;
/** The multipart envelope around an uploaded file: boundaries, headers, the other fields. */
const MULTIPART_ALLOWANCE = 64 * KiB;

export interface BodyLimit {
  bytes: number;
  /** Said in the refusal: which limit was hit, for the person and for the log. */
  label: string;
}

const ROUTES: { pattern: RegExp; limit: BodyLimit }[] = [
  {
    pattern: /^\/(?:roster|units\/import)\/?$/,
    limit: { bytes: SPREADSHEET_UPLOAD_BYTES + MULTIPART_ALLOWANCE, label: "spreadsheet" },
  },
  { pattern: /^\/author\/[^/]+\/media\/?$/, limit: { bytes: MAX_MEDIA_BYTES + MULTIPART_ALLOWANCE, label: "media" } },
  { pattern: /^\/author(?:\/|$)/, limit: { bytes: AUTHORING_BODY_LIMIT, label: "authoring" } },
];

export function bodyLimitFor(pathname: string): BodyLimit {
  for (const route of ROUTES) if (route.pattern.test(pathname)) return route.limit;
  return { bytes: DEFAULT_BODY_LIMIT, label: "default" };
}

/** "1 MB", "20,1 MB", "64 KB": the limit as a person reads it. */
export function formatBytes(bytes: number, locale: "vi" | "en" = "vi"): string {
  const [value, unit] = bytes >= MiB ? [bytes / MiB, "MB"] : [bytes / KiB, "KB"];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}
