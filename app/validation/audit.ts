import { z } from "zod";
import { AUDIT_KIND_NAMES } from "~/domain/audit";
import { field } from "./form";

/** The audit log's filters, read from the address (a GET form, so it works without JavaScript). */
const FILTER_FIELDS = {
  person: z.string().trim().min(1).max(100),
  unit: field.id,
  kind: z.enum(AUDIT_KIND_NAMES as [string, ...string[]]),
  from: field.date,
  to: field.date,
  before: field.id,
};

export type AuditFilterField = keyof typeof FILTER_FIELDS;

export interface AuditQuery {
  person?: string;
  unit?: number;
  kind?: (typeof AUDIT_KIND_NAMES)[number];
  from?: string;
  to?: string;
  before?: number;
}

/**
 * Each filter on its own: a bad one is dropped and named in `ignored` (the page says so),
 * the others still apply; a blank one is no filter. A range ending before it starts drops its end.
 */
export function parseAuditQuery(params: URLSearchParams): { query: AuditQuery; ignored: AuditFilterField[] } {
  const query: Record<string, unknown> = {};
  const ignored: AuditFilterField[] = [];
  for (const [name, schema] of Object.entries(FILTER_FIELDS) as [AuditFilterField, z.ZodTypeAny][]) {
    const raw = params.get(name);
    if (raw === null || raw.trim() === "") continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) query[name] = parsed.data;
    else ignored.push(name);
  }
  const result = query as AuditQuery;
  if (result.from && result.to && result.to < result.from) {
    result.to = undefined;
    ignored.push("to");
  }
  return { query: result, ignored };
}

/** A calendar day in Vietnam (UTC+7, no daylight saving) as the instant it starts. */
export function startOfDayInVietnam(isoDate: string, addDays = 0): Date {
  const start = new Date(`${isoDate}T00:00:00+07:00`);
  return new Date(start.getTime() + addDays * 86_400_000);
}
