/**
 * Our HTTP server around the Remix build: what no route should have to think about —
 * who the client is (its socket address, or what a configured proxy forwarded), how much
 * it may send, which origins may post, which headers every answer carries, static files,
 * compression and one log line per request. Routes get the client's address and the
 * page's CSP nonce through the load context.
 */
import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type Request as ExpressRequest, type Response as ExpressResponse, type NextFunction } from "express";
import type { Logger } from "pino";
import { normaliseAddress } from "~/domain/rate-limit";
import { type BodyLimit, bodyLimitFor, formatBytes } from "~/domain/request-limits";
import { isFormContentType, isSameOrigin } from "~/utils/request.server";
import type { Metrics } from "./metrics";

export interface AppOptions {
  /** The Remix server build, or (in development) a function returning the current one. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  /** TRUST_PROXY: addresses and CIDR ranges whose forwarded headers are believed. */
  trustProxy: string[];
  publicDir: string;
  log: Logger;
  /** Request counts and latencies, and /metrics for the addresses `metricsAllowed` accepts. */
  metrics?: Metrics;
  metricsAllowed?: (address: string | undefined) => boolean;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  // proxy-addr walks X-Forwarded-For from the right and stops at the first hop that is not
  // a configured proxy: with none configured, the socket's address is the client.
  app.set("trust proxy", options.trustProxy.length > 0 ? options.trustProxy : false);

  app.use(logRequests(options.log, options.metrics));
  app.use(trustedHeaders);
  app.use(securityHeaders);
  app.use(guardRequest);
  app.use(compression());
  if (options.metrics) app.get("/metrics", serveMetrics(options.metrics, options.metricsAllowed ?? (() => false)));
  app.use(
    "/build",
    express.static(path.join(options.publicDir, "build"), {
      immutable: true,
      maxAge: "1y",
      index: false,
      redirect: false,
    }),
  );
  app.use(express.static(options.publicDir, { maxAge: "1h", index: false, redirect: false }));
  app.all("*", remixHandler(options));
  app.use(lastResort(options.log));
  return app;
}

/** What the server knows of a request that loaders and actions may need. */
function loadContext(req: ExpressRequest, res: ExpressResponse): AppLoadContext {
  return { clientAddress: normaliseAddress(req.ip), cspNonce: res.locals.cspNonce as string };
}

function remixHandler(options: AppOptions) {
  const handlerFor = (build: ServerBuild) =>
    createRequestHandler({ build, mode: options.mode, getLoadContext: loadContext });
  if (typeof options.build !== "function") {
    const handle = handlerFor(options.build);
    return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
      res.locals.viaRemix = true;
      return handle(req, res, next);
    };
  }
  const currentBuild = options.build;
  let current: { build: ServerBuild; handle: ReturnType<typeof handlerFor> } | undefined;
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    res.locals.viaRemix = true;
    const build = await currentBuild();
    if (current?.build !== build) current = { build, handle: handlerFor(build) };
    return current.handle(req, res, next);
  };
}

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Headers only a proxy sets; from anyone else they are dropped before any code reads them. */
const FORWARDED_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
  "x-real-ip",
];

/**
 * X-Forwarded-* count only when the socket is a configured proxy (the test express applies
 * to `req.ip`, `req.protocol` and `req.hostname`); otherwise they are removed, so the
 * request Remix sees — its URL, its headers — holds nothing a client made up. A Host that
 * is not a host name answers 400.
 */
function trustedHeaders(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const trust = req.app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean;
  if (!trust(req.socket.remoteAddress, 0)) for (const name of FORWARDED_HEADERS) delete req.headers[name];
  const host = requestHost(req);
  if (!host || !HOST.test(host)) return refuse(req, res, 400);
  next();
}

/** The host the client asked for, with its port, as the Remix adapter will read it. */
function requestHost(req: ExpressRequest): string | null {
  return (req.get("X-Forwarded-Host") ?? req.get("Host"))?.split(",")[0]?.trim().toLowerCase() ?? null;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return length !== undefined ? Number(length) > 0 : req.headers["transfer-encoding"] !== undefined;
}

/**
 * Before anything reads the body: refuse one of unknown length (411) or larger than the
 * route takes (413), a
 * state-changing request from another site (403) and one that is not a form (415).
 */
function guardRequest(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const limit = bodyLimitFor(req.path);
  res.locals.bodyLimit = limit;
  drainUnreadBody(req, res);
  const declared = req.headers["content-length"];
  // Browsers send the length of every form; a body of unknown length could not be refused
  // before it is read.
  if (declared === undefined && req.headers["transfer-encoding"] !== undefined) return refuse(req, res, 411);
  if (declared !== undefined && !(Number(declared) <= limit.bytes)) return refuse(req, res, 413, limit);
  if (!SAFE_METHODS.has(req.method)) {
    if (!isSameOrigin((name) => req.get(name) ?? null, requestHost(req))) return refuse(req, res, 403);
    if (hasBody(req) && !isFormContentType(req.get("Content-Type") ?? null)) return refuse(req, res, 415);
  }
  next();
}

/** How long, and how much, we go on reading a body nobody wanted before hanging up. */
const DRAIN_MS = 5_000;
const DRAIN_BYTES = 32 * 1024 * 1024;

/**
 * A body the answer left unread is read to its end and dropped, so the next request on the
 * connection is parsed from the right place and the client, still sending, receives the
 * answer (closing on unread data makes the kernel reset the connection, and the client can
 * lose the answer with it). A body longer than a few seconds or megabytes is cut off.
 */
function drainUnreadBody(req: ExpressRequest, res: ExpressResponse) {
  if (!hasBody(req)) return;
  res.once("finish", () => {
    if (req.complete) return;
    let drained = 0;
    const hangUp = () => req.socket.destroy();
    const timer = setTimeout(hangUp, DRAIN_MS);
    req.unpipe();
    req.removeAllListeners("data");
    req.on("data", (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_BYTES) hangUp();
    });
    req.once("end", () => clearTimeout(timer));
    req.once("close", () => clearTimeout(timer));
    req.resume();
  });
}

/** Headers every answer carries; pages add their Content-Security-Policy (entry.server). */
function securityHeaders(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
  next();
}

const REFUSALS: Record<number, { vi: string; en: string }> = {
  400: { vi: "Yêu cầu không hợp lệ.", en: "Bad request." },
  411: {
    vi: "Yêu cầu phải cho biết độ dài dữ liệu gửi lên.",
    en: "The request must state the length of the data it sends.",
  },
  403: {
    vi: "Yêu cầu này không đến từ trang của hệ thống nên đã bị từ chối.",
    en: "This request did not come from the system's own pages and was refused.",
  },
  413: {
    vi: "Dữ liệu gửi lên quá lớn (tối đa {limit}).",
    en: "The data sent is too large (at most {limit}).",
  },
  415: {
    vi: "Trang này chỉ nhận dữ liệu gửi từ biểu mẫu của hệ thống.",
    en: "This page only accepts data sent from the system's own forms.",
  },
  500: {
    vi: "Hệ thống gặp sự cố. Vui lòng thử lại sau ít phút.",
    en: "The system had a problem. Please try again in a few minutes.",
  },
};

/**
 * Answers without Remix: short, in Vietnamese then English, no details. A Remix data
 * request (`?_data=`) gets the JSON its error boundary shows in the person's language.
 */
export function refuse(req: ExpressRequest, res: ExpressResponse, status: number, limit?: BodyLimit) {
  if (res.headersSent) return void res.end();
  res.status(status).setHeader("Cache-Control", "no-store");
  if (typeof req.query._data === "string") {
    res.setHeader("X-Remix-Catch", "yes");
    return void res.json({ status });
  }
  const text = REFUSALS[status] ?? REFUSALS[400];
  const fill = (s: string, locale: "vi" | "en") => s.replace("{limit}", limit ? formatBytes(limit.bytes, locale) : "");
  res
    .type("html")
    .send(
      `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status}</title></head>` +
        `<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>${status}</h1>` +
        `<p>${fill(text?.vi ?? "", "vi")}</p><p lang="en">${fill(text?.en ?? "", "en")}</p><p><a href="/">Về trang chủ</a></p></body></html>`,
    );
}

/**
 * /metrics for the allowed addresses (the client's address as the proxy settings read it);
 * anyone else gets the 404 any unknown page gets.
 */
function serveMetrics(metrics: Metrics, allowed: (address: string | undefined) => boolean) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (!allowed(normaliseAddress(req.ip) ?? undefined)) return next();
    metrics
      .scrape()
      .then(
        (text) => void res.status(200).setHeader("Cache-Control", "no-store").type(metrics.contentType).send(text),
        next,
      );
  };
}

function logRequests(log: Logger, metrics?: Metrics) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once("close", () => {
      metrics?.observe(req, res, Number(process.hrtime.bigint() - started) / 1e9, res.locals.viaRemix === true);
      // The path only: query strings carry searched names and codes.
      log.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          bytes: Number(res.getHeader("Content-Length") ?? 0) || undefined,
          address: normaliseAddress(req.ip),
          aborted: !res.writableFinished || undefined,
        },
        "request",
      );
    });
    next();
  };
}

function lastResort(log: Logger) {
  return (error: unknown, req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    log.error({ err: error, method: req.method, path: req.path }, "request failed");
    refuse(req, res, 500);
  };
}
