/**
 * Production entry (built to build/server.js by `npm run build`): one worker per core,
 * at most four, behind one port (node:cluster shares the listening socket). SQLite in WAL
 * mode takes readers from every process and queues writers on its lock; nothing that
 * must be shared lives in process memory.
 *
 *   node build/server.js
 *
 * WEB_CONCURRENCY sets the number of workers. SIGTERM or SIGINT stops taking new
 * connections, lets requests in flight finish (at most 10 s), closes the database and exits.
 */
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import pino from "pino";
import { bodyLimitFor, formatBytes } from "~/domain/request-limits";
import { markServerRunning } from "~/services/backups.server";
import { getEnv } from "~/utils/env.server";
import { createApp } from "./app";
import { scheduleBackups } from "./backup-schedule";
import { createMetrics, metricsAllowList, serveClusterMetrics } from "./metrics";

const BUILD_PATH = path.resolve("build/index.js");
const SHUTDOWN_GRACE_MS = 10_000;

const env = getEnv();
const development = env.NODE_ENV === "development";
const requested = Number(process.env.WEB_CONCURRENCY);
const workers = development
  ? 1
  : Number.isInteger(requested) && requested > 0
    ? requested
    : Math.min(os.availableParallelism(), 4);
const log = pino({ level: env.LOG_LEVEL, base: { pid: process.pid } });

if (cluster.isPrimary) {
  // `npm run db:restore` refuses to replace a database a server is running on.
  markServerRunning(env.DATABASE_PATH);
  scheduleBackups(env.BACKUP_SCHEDULE, log);
}

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  // Counted here, not read off cluster.workers: a worker leaves that list when it
  // disconnects, before it has finished its last requests and exited.
  let alive = 0;
  const fork = () => {
    alive++;
    cluster.fork();
  };
  serveClusterMetrics();
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    alive--;
    if (stopping) {
      if (alive === 0) {
        log.info("stopped");
        process.exit(0);
      }
      return;
    }
    log.error({ worker: worker.process.pid, code, signal }, "worker exited; starting another");
    fork();
  });
  cluster.once("listening", () => announce());
  // A signal to the whole process group reaches the workers too: stopping twice is stopping once.
  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 2_000).unref();
  };
  process.on("SIGTERM", stopAll);
  process.on("SIGINT", stopAll);
} else {
  await startWorker();
}

async function startWorker() {
  const build = await loadBuild();
  const app = createApp({
    build: development ? currentBuild(build) : build,
    mode: development ? "development" : "production",
    trustProxy: env.TRUST_PROXY,
    publicDir: path.resolve("public"),
    log,
    metrics: createMetrics({ build, backupDir: env.BACKUP_DIR }),
    metricsAllowed: metricsAllowList(env.METRICS_ALLOW),
  });
  const server = http.createServer(app);
  // A client that asks before sending (Expect: 100-continue) learns of a body too large
  // without sending it.
  server.on("checkContinue", (req, res) => {
    const limit = bodyLimitFor(new URL(req.url ?? "/", "http://localhost").pathname);
    if (!(Number(req.headers["content-length"]) <= limit.bytes)) {
      res.writeHead(413, { Connection: "close", "Content-Type": "text/plain; charset=utf-8" });
      return void res.end(`413: tối đa ${formatBytes(limit.bytes)} / at most ${formatBytes(limit.bytes, "en")}\n`);
    }
    res.writeContinue();
    server.emit("request", req, res);
  });
  server.listen(env.PORT, () => {
    if (workers === 1) announce();
    if (development) broadcastDevReady(build);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      globalThis.__appDatabase?.$client.close();
      log.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

function announce() {
  log.info({ port: env.PORT, workers }, `listening on http://localhost:${env.PORT}`);
}

async function loadBuild(): Promise<ServerBuild> {
  const stamp = development ? `?t=${fs.statSync(BUILD_PATH).mtimeMs}` : "";
  return (await import(`${pathToFileURL(BUILD_PATH).href}${stamp}`)) as ServerBuild;
}

/** In development the build is rebuilt behind us: load the new one when its file changes. */
function currentBuild(first: ServerBuild): () => Promise<ServerBuild> {
  let build = first;
  let loadedAt = fs.statSync(BUILD_PATH).mtimeMs;
  return async () => {
    const mtime = fs.statSync(BUILD_PATH).mtimeMs;
    if (mtime !== loadedAt) {
      loadedAt = mtime;
      build = await loadBuild();
      broadcastDevReady(build);
    }
    return build;
  };
}
