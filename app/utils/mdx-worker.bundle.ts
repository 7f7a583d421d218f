/**
 * The MDX worker thread's entry as `npm run build` bundles it (build/mdx-worker.mjs), so a
 * built server runs its workers from compiled JavaScript. Under Vitest and tsx the workers
 * start from app/utils/mdx-worker.mjs instead, which loads the TypeScript. Decision 015.
 */
import { parentPort } from "node:worker_threads";
import { serveMdxJobs } from "./mdx-compile.server";

if (!parentPort) throw new Error("the MDX worker runs only as a worker thread");
await serveMdxJobs(parentPort);
