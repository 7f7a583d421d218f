/**
 * The MDX worker thread's entry (started by app/utils/mdx.server.ts). Plain JavaScript,
 * outside the server bundle, so the same file starts from `remix build`'s output, from
 * tsx and from Vitest; it loads the TypeScript that does the work with tsx (a runtime
 * dependency already: `npm run serve` runs db/setup.ts with it). Decision 015.
 */
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { serveMdxJobs } = await tsImport("./mdx-compile.server.ts", {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)),
});
await serveMdxJobs(parentPort);
