/**
 * Production entry: remix-serve, once per CPU core, behind one port (node:cluster shares
 * the listening socket). SQLite in WAL mode takes readers from every process; writes queue
 * on its lock (busy_timeout), and nothing that must be shared lives in process memory.
 *
 *   node app/server/cluster.mjs build/index.js
 *
 * WEB_CONCURRENCY sets the number of workers (default: the machine's cores, at most 4).
 */
import cluster from "node:cluster";
import { createRequire } from "node:module";
import os from "node:os";

const requested = Number(process.env.WEB_CONCURRENCY);
const workers = Number.isInteger(requested) && requested > 0 ? requested : Math.min(os.availableParallelism(), 4);

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`[cluster] worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  // Stop gracefully: each worker stops accepting, finishes what it has, and exits; a worker
  // still busy after 10 s is ended.
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) {
        worker?.disconnect();
        setTimeout(() => worker?.process.kill("SIGKILL"), 10_000).unref();
      }
    });
  }
} else {
  // remix-serve's CLI starts the server when loaded; it reads the build path from argv.
  createRequire(import.meta.url)("@remix-run/serve/dist/cli.js");
}
