import { z } from "zod";
import { STATUS_FILTERS } from "~/domain/indicator";

/**
 * The dashboard's filters, from the URL. A value that is not even well-formed is dropped
 * (the page shows everything and says the filter was ignored) rather than failing the page.
 */
const code = z.string().regex(/^[a-z0-9_-]{1,100}$/);
const lenient = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);

export const ReportQuerySchema = z.object({
  course: lenient(code),
  tier: lenient(code),
  position: lenient(code),
  status: z.enum(STATUS_FILTERS).catch("all").default("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export function parseReportQuery(url: URL): ReportQuery {
  return ReportQuerySchema.parse(Object.fromEntries(url.searchParams));
}

export const ExportParamsSchema = z.object({
  format: z.enum(["xlsx", "csv"]),
  view: z.enum(["units", "people"]).catch("units").default("units"),
});
