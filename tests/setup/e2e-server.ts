import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { CHROMIUM_PATH } from "./chromium";
import { createTemplateDatabase, removeDatabase } from "./temp-database";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    browserAvailable: boolean;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHealth(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${log()}`);
}

/**
 * Serves the production build on a free port with its own seeded database, the way
 * `npm start` does, for the browser tests. Without Chromium the tests skip, unless
 * E2E_REQUIRED=1 (CI), where that is a failure.
 */
export default async function setup(project: TestProject) {
  const browserAvailable = fs.existsSync(CHROMIUM_PATH);
  if (!browserAvailable && process.env.E2E_REQUIRED === "1") {
    throw new Error(`E2E_REQUIRED=1 but ${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  }
  if (!fs.existsSync(path.resolve("build/index.js"))) throw new Error("no build: run `npm run build` first");

  const database = await createTemplateDatabase();
  const port = await freePort();
  let output = "";
  const server = spawn(process.execPath, ["node_modules/@remix-run/serve/dist/cli.js", "build/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_PATH: database,
      SESSION_SECRET: "e2e-tests-secret-0123456789abcdef",
      TRUST_PROXY: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  server.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const baseURL = `http://localhost:${port}`;
  await waitForHealth(baseURL, server, () => output);
  project.provide("baseURL", baseURL);
  project.provide("browserAvailable", browserAvailable);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    removeDatabase(database);
    if (/Error|at .*\.js:\d+/.test(output) && process.env.E2E_SHOW_SERVER_LOG) console.log(output);
  };
}
