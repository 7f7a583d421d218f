/**
 * /metrics in the Prometheus format (prom-client), for the addresses METRICS_ALLOW names
 * only. Every worker counts its own requests; the cluster's primary adds them up
 * (prom-client's AggregatorRegistry over the cluster's IPC channel), so one scrape sees the
 * whole server. Requests are labelled by Remix route id, never by path (paths carry codes
 * and ids: unbounded, and personal).
 */
import cluster from "node:cluster";
import net from "node:net";
import type { ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import client from "prom-client";
import { todayInVietnam } from "~/i18n";
import { rollupsAsOf } from "~/models/rollups.server";
import { backupStatus } from "~/services/backups.server";
import { getDb } from "~/utils/db.server";

const REQUEST = "lms:metrics-request";
const RESPONSE = "lms:metrics-response";

/** Who may read /metrics: exact addresses and CIDR ranges. */
export function metricsAllowList(entries: string[]): (address: string | undefined) => boolean {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    if (!address) continue;
    const family = net.isIPv6(address) ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (address) => {
    if (!address) return false;
    const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
    return list.check(plain, net.isIPv6(plain) ? "ipv6" : "ipv4");
  };
}

/**
 * A route pattern per Remix route (its full path, parents' joined), most specific first:
 * the label a request is counted under.
 */
function routeMatcher(build: ServerBuild): (path: string) => string {
  const routes = build.routes;
  const fullPath = (id: string): string => {
    const route = routes[id];
    if (!route) return "";
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  const patterns = Object.values(routes)
    .filter((route) => route && route.id !== "root")
    .map((route) => {
      const segments = fullPath(route?.id as string)
        .split("/")
        .filter(Boolean);
      const source = segments
        .map((s) => (s === "*" ? ".*" : s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/");
      return {
        id: route?.id as string,
        regex: new RegExp(`^/${source}/?$`),
        staticSegments: segments.filter((s) => !s.startsWith(":") && s !== "*").length,
        splat: segments.includes("*"),
        index: Boolean(route?.index),
      };
    })
    .sort(
      (a, b) =>
        Number(a.splat) - Number(b.splat) || b.staticSegments - a.staticSegments || Number(b.index) - Number(a.index),
    );
  return (path) => patterns.find((p) => p.regex.test(path))?.id ?? "unmatched";
}

export interface Metrics {
  /** Counts a finished request; `viaRemix`: it reached Remix (not a static file, not refused before). */
  observe(req: ExpressRequest, res: ExpressResponse, seconds: number, viaRemix: boolean): void;
  /** The text a scrape gets (the whole cluster's, in cluster mode). */
  scrape(): Promise<string>;
  contentType: string;
}

export function createMetrics(options: { build: ServerBuild | null; backupDir: string }): Metrics {
  // The global registry: the one prom-client's workers report to the primary. Made once per process.
  const register = client.register;
  register.clear();
  if (cluster.isWorker) new client.AggregatorRegistry();
  client.collectDefaultMetrics({ register, prefix: "lms_" });
  const requests = new client.Counter({
    name: "lms_http_requests_total",
    help: "HTTP requests by route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [register],
  });
  const latency = new client.Histogram({
    name: "lms_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  const lockWait = new client.Histogram({
    name: "lms_sqlite_write_lock_wait_seconds",
    help: "Time a write transaction waited for SQLite's write lock (BEGIN IMMEDIATE)",
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [register],
  });
  globalThis.__observeWriteLockWait = (seconds) => lockWait.observe(seconds);
  // Read from the database or the backup folder at scrape time; every worker reads the same
  // value, so the cluster keeps one ("first"), not their sum.
  const gauge = (name: string, help: string, read: () => number | null) =>
    new client.Gauge({
      name,
      help,
      registers: [register],
      aggregator: "first",
      collect() {
        try {
          const value = read();
          if (value !== null) this.set(value);
        } catch {
          // the database or the folder unreadable: /readyz says so; the metric is left out
        }
      },
    });
  gauge("lms_signed_in_users", "People with a session that has not expired", () => {
    const row = getDb()
      .$client.prepare("select count(distinct user_id) as n from sessions where expires_at > ?")
      .get(Math.floor(Date.now() / 1000)) as { n: number };
    return row.n;
  });
  gauge("lms_backup_age_seconds", "Age of the last successful backup", () => {
    const last = backupStatus(options.backupDir).lastSuccess;
    return last ? (Date.now() - Date.parse(last.finishedAt)) / 1000 : null;
  });
  gauge("lms_backup_last_run_ok", "1 when the last backup run succeeded (its off-site copy included)", () => {
    const run = backupStatus(options.backupDir).lastRun;
    return run ? Number(run.ok && (run.upload?.ok ?? true)) : null;
  });
  gauge(
    "lms_rollups_behind_days",
    "Days the indicator rollups are behind the calendar (caught up on next read)",
    () => {
      const asOf = rollupsAsOf();
      if (!asOf) return null;
      return Math.max(0, (Date.parse(todayInVietnam()) - Date.parse(asOf)) / 86_400_000);
    },
  );

  const routeOf = options.build ? routeMatcher(options.build) : () => "unmatched";
  return {
    contentType: register.contentType,
    observe(req, res, seconds, viaRemix) {
      const route = viaRemix ? routeOf(req.path) : res.statusCode < 400 ? "static" : "refused";
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      latency.observe({ method: req.method, route }, seconds);
    },
    scrape() {
      if (!cluster.isWorker) return register.metrics();
      return askPrimary();
    },
  };
}

let asked = 0;

/** In a worker: the primary gathers every worker's metrics and sends them back. */
function askPrimary(): Promise<string> {
  const id = `${process.pid}-${asked++}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off("message", listen);
      reject(new Error("the primary did not answer with the metrics"));
    }, 5_000);
    const listen = (message: { type?: string; id?: string; text?: string; error?: string }) => {
      if (message?.type !== RESPONSE || message.id !== id) return;
      clearTimeout(timer);
      process.off("message", listen);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? "");
    };
    process.on("message", listen);
    process.send?.({ type: REQUEST, id });
  });
}

/** In the primary: answers workers' requests with the whole cluster's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new client.AggregatorRegistry();
  cluster.on("message", (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: RESPONSE, id: message.id, text }),
      (error: Error) => worker.send({ type: RESPONSE, id: message.id, error: error.message }),
    );
  });
}
