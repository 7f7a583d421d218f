import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startAppServer } from "./app-server";
import { CHROMIUM_PATH } from "./chromium";
import { createTemplateDatabase, removeDatabase } from "./temp-database";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    browserAvailable: boolean;
    /** The server's SQLite file, for tests that must set up data the UI cannot (yet) create. */
    databasePath: string;
  }
}

/**
 * Serves the production build with its own seeded database, the way `npm start` does, for
 * the browser tests. Without Chromium the tests skip, unless E2E_REQUIRED=1 (CI), where
 * that is a failure.
 */
export default async function setup(project: TestProject) {
  const browserAvailable = fs.existsSync(CHROMIUM_PATH);
  if (!browserAvailable && process.env.E2E_REQUIRED === "1") {
    throw new Error(`E2E_REQUIRED=1 but ${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  }
  if (!fs.existsSync(path.resolve("build/index.js"))) throw new Error("no build: run `npm run build` first");

  const database = await createTemplateDatabase();
  // Browsers treat http://localhost as secure, so the production Secure cookie works here.
  const server = await startAppServer(database);
  project.provide("baseURL", server.url);
  project.provide("browserAvailable", browserAvailable);
  project.provide("databasePath", database);

  return async () => {
    await server.stop();
    removeDatabase(database);
    if (process.env.E2E_SHOW_SERVER_LOG) console.log(server.output());
  };
}
