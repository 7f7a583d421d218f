import { afterAll, inject } from "vitest";
import { copyDatabase, removeDatabase } from "./temp-database";

// Each test file runs in its own process (pool: forks) with its own copy of the template
// database, set before any app module opens the one client.
const file = copyDatabase(inject("templateDatabase"), "integration");
process.env.DATABASE_PATH = file;
process.env.SESSION_SECRET = "integration-tests-secret-0123456789";

afterAll(() => {
  globalThis.__appDatabase?.$client.close();
  globalThis.__appDatabase = undefined;
  removeDatabase(file);
});
