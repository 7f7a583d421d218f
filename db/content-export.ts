/**
 * `npm run content:export` — writes every course's current published version to `content/`
 * (or `--out=folder`) in the course format, byte for byte as published, so courses written in
 * the browser can be reviewed and kept in git. Importing the export changes nothing.
 */
import path from "node:path";
import { publishedCourseFolders } from "../app/services/authoring.server";
import { writeCourseFolder } from "../app/services/content-import.server";
import { getDb } from "../app/utils/db.server";
import { migrateDatabase } from "./client";

const outArgument = process.argv.find((a) => a.startsWith("--out="));
const out = path.resolve(outArgument ? outArgument.slice("--out=".length) : (process.env.CONTENT_DIR ?? "content"));
migrateDatabase(getDb());
const folders = publishedCourseFolders();
for (const { slug, files } of folders) {
  writeCourseFolder(path.join(out, slug), files);
  console.log(`${slug}: ${files.size} tệp → ${path.relative(process.cwd(), path.join(out, slug)) || "."}`);
}
if (folders.length === 0) console.log("Chưa có khóa học nào được xuất bản (no published course).");
getDb().$client.close();
