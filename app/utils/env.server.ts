import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { parseSchedule } from "~/domain/backups";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("./data/app.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),
  COOKIE_SECURE: z.enum(["auto", "always", "never"]).default("auto"),
  TRUST_PROXY: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const entries = value === "false" ? [] : value.split(/[\s,]+/).filter(Boolean);
      for (const entry of entries) {
        if (!isProxyEntry(entry)) {
          ctx.addIssue({
            code: "custom",
            message: `"${entry}" is not an IP address, a CIDR range, or one of loopback, linklocal, uniquelocal`,
          });
        }
      }
      return entries;
    }),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /**
   * Days within which a person's request about their data is answered. Decree 356/2025/NĐ-CP
   * sets the deadline: the province's legal officer confirms the figure (decision 027).
   */
  PRIVACY_RESPONSE_DAYS: z.coerce.number().int().min(1).max(90).default(3),
  /** Backups (decision 020): the folder (default: `backups` beside the database), when, and the off-site copy. */
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_SCHEDULE: z
    .string()
    .default("02:30")
    .refine(
      (value) => parseSchedule(value) !== null,
      'BACKUP_SCHEDULE must be "HH:MM", "every 6h", "every 30m" or "off"',
    ),
  BACKUP_UPLOAD_CMD: z.string().default(""),
  /** Who may read /metrics: addresses and CIDR ranges (default: this machine only). */
  METRICS_ALLOW: z
    .string()
    .default("127.0.0.1,::1")
    .transform((value, ctx) => {
      const entries = value.split(/[\s,]+/).filter(Boolean);
      for (const entry of entries) {
        if (!isAddressOrRange(entry))
          ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or a CIDR range` });
      }
      return entries;
    }),
});

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; cookieSecure: boolean; BACKUP_DIR: string };

/**
 * Forwarded headers are believed only from these proxies (express's `trust proxy` list,
 * evaluated by proxy-addr). `true`/`auto` are refused: trusting every client's
 * X-Forwarded-For lets anyone pick the address the rate limits count.
 */
function isProxyEntry(entry: string): boolean {
  return ["loopback", "linklocal", "uniquelocal"].includes(entry) || isAddressOrRange(entry);
}

function isAddressOrRange(entry: string): boolean {
  const [address, bits, extra] = entry.split("/");
  if (extra !== undefined || !address) return false;
  const family = net.isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}

/**
 * Without SESSION_SECRET a random one is made once and kept beside the database, so a
 * fresh `npm start` works and signed cookies survive restarts.
 */
function secretFor(databasePath: string, given: string | undefined): string {
  if (given) return given;
  const file = path.join(path.dirname(path.resolve(databasePath)), ".session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  cached = {
    ...env,
    SESSION_SECRET: secretFor(env.DATABASE_PATH, env.SESSION_SECRET),
    BACKUP_DIR: env.BACKUP_DIR ?? path.join(path.dirname(env.DATABASE_PATH), "backups"),
    cookieSecure: env.COOKIE_SECURE === "always" || (env.COOKIE_SECURE === "auto" && env.NODE_ENV === "production"),
  };
  return cached;
}
