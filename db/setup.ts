/**
 * Run by `npm start` before the server: creates the database if needed, applies the
 * migrations, seeds the demo data once and prints the demo accounts.
 */
import { getEnv } from "../app/utils/env.server";
import { migrateDatabase, openDatabase } from "./client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./seed";

const env = getEnv();
const db = openDatabase(env.DATABASE_PATH);
migrateDatabase(db);
const report = await seedDemo(db);
db.$client.close();

const created = Object.entries(report.created)
  .filter(([, n]) => n > 0)
  .map(([what, n]) => `${n} ${what}`)
  .join(", ");
console.log(
  `Database ${env.DATABASE_PATH}: migrated; demo seed ${created ? `created ${created}` : "already present"}.`,
);
console.log(`\nDemo accounts (password: ${DEMO_PASSWORD}), at http://localhost:${env.PORT}/login`);
for (const account of DEMO_ACCOUNTS) console.log(`  ${account.username.padEnd(9)} ${account.description}`);
console.log("");
