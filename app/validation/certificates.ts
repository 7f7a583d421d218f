import { z } from "zod";
import { parseCertificateCode } from "~/domain/certificate";

export const MAX_REVOKE_REASON_LENGTH = 500;

/**
 * A code as a person types it (any case, spaces or dashes, O for 0): the canonical code,
 * or the "invalid code" message when the check symbol says it was mistyped.
 */
export const VerifyQuerySchema = z.object({
  code: z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .trim()
    .min(1, "form.required")
    .max(40, "verify.invalidCode")
    .transform((typed, ctx) => {
      const code = parseCertificateCode(typed);
      if (!code) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "verify.invalidCode" });
        return z.NEVER;
      }
      return code;
    }),
});

export const RevokeCertificateSchema = z.object({
  reason: z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    // Reasons are read back in the audit log: keep them NFC like every other Vietnamese text.
    .transform((value) => value.normalize("NFC").trim())
    .pipe(z.string().min(1, "form.required").max(MAX_REVOKE_REASON_LENGTH, "certificates.error.reasonTooLong")),
});
