/**
 * Run by `npm start` before the server: creates the database if needed, applies the
 * migrations, seeds the demo data once, imports changed courses from content/ and prints
 * the demo accounts.
 */
import path from "node:path";
import { describeOutcome, importContent } from "../app/services/content-import.server";
import { ensureRollupsBuilt } from "../app/services/rollups.server";
import { getDb } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";
import { migrateDatabase } from "./client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./seed";
import { seedDemoTraining } from "./seed-training";

const env = getEnv();
const db = getDb();
migrateDatabase(db);
const report = await seedDemo(db);
const created = Object.entries(report.created)
  .filter(([, n]) => n > 0)
  .map(([what, n]) => `${n} ${what}`)
  .join(", ");
console.log(
  `Database ${env.DATABASE_PATH}: migrated; demo seed ${created ? `created ${created}` : "already present"}.`,
);

for (const outcome of await importContent(path.resolve(process.env.CONTENT_DIR ?? "content"))) {
  console.log(describeOutcome(outcome));
}
// A database from before the indicator rollups gets them built once, from its base tables.
if (ensureRollupsBuilt()) console.log("Indicator rollups built from the base tables.");
const training = seedDemoTraining();
if (training.assignments > 0)
  console.log(`Demo training: ${training.assignments} assignments, ${training.completions} courses completed.`);
db.$client.close();
// The MDX compiler's esbuild service would otherwise be torn down mid-exit (and can report a
// spurious deadlock on a busy machine): stop it before the process ends.
(await import("esbuild")).stop();

console.log(`\nDemo accounts (password: ${DEMO_PASSWORD}), at http://localhost:${env.PORT}/login`);
for (const account of DEMO_ACCOUNTS) console.log(`  ${account.username.padEnd(9)} ${account.description}`);
console.log("");
