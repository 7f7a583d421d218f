/**
 * `npm run content:import` — publishes changed courses from content/ and reports what changed.
 * `npm run content:check`  — the same checks, writing nothing. Exit code 1 when a course is invalid.
 */
import path from "node:path";
import { describeOutcome, importContent } from "../app/services/content-import.server";
import { getDb } from "../app/utils/db.server";
import { migrateDatabase } from "./client";
import { seedCatalogue } from "./seed";

const dryRun = process.argv.includes("--check");
const root = path.resolve(process.env.CONTENT_DIR ?? "content");
migrateDatabase(getDb());
seedCatalogue(getDb());
const outcomes = await importContent(root, { dryRun });
for (const outcome of outcomes) console.log(describeOutcome(outcome));
if (outcomes.length === 0) console.log(`No course folders in ${root}.`);
process.exitCode = outcomes.some((o) => o.status === "invalid") ? 1 : 0;
