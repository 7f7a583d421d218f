/**
 * `npm run db:check-rollups` — recomputes every person's status and every per-unit rollup
 * from the base tables and reports any difference with what is stored, and any duplicate
 * completion or certificate within a certification cycle (decision 018). Exit code 1 when
 * there is one. Uses DATABASE_PATH (or `--file=path`), so it checks the national data too.
 */
const fileArgument = process.argv.find((a) => a.startsWith("--file="));
if (fileArgument) process.env.DATABASE_PATH = fileArgument.slice("--file=".length);

const { checkRollups } = await import("../app/services/rollups.server");
const { findCycleDuplicates } = await import("../app/services/completion.server");
const { getDb } = await import("../app/utils/db.server");

const started = performance.now();
const result = checkRollups();
const duplicates = findCycleDuplicates();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${process.env.DATABASE_PATH ?? "./data/app.db"}: ${result.people} people, ${result.rows} rollup rows checked in ${seconds} s.`,
);
if (result.differences.length === 0) console.log("No difference: the rollups equal a recompute from the base tables.");
else {
  console.log(`Differences (first ${result.differences.length}):`);
  for (const line of result.differences) console.log(`  ${line}`);
}
if (duplicates.length === 0) console.log("No duplicate: one completion and one certificate per certification cycle.");
else {
  console.log(`Duplicates within a certification cycle (first ${duplicates.length}):`);
  for (const line of duplicates) console.log(`  ${line}`);
}
getDb().$client.close();
process.exitCode = result.differences.length === 0 && duplicates.length === 0 ? 0 : 1;

export {};
