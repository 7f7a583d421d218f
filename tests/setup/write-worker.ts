/**
 * Another server process, for tests of concurrent writes: it opens the database at
 * DATABASE_PATH, prints "ready", waits for "go" on stdin, makes one write through the
 * services and prints "done". Each write is a BEGIN IMMEDIATE transaction, as in the server.
 *
 *   tsx tests/setup/write-worker.ts <username> <slug> read <lessonKey>
 *   tsx tests/setup/write-worker.ts <username> <slug> submit <attemptId> <answers as JSON>
 */
import readline from "node:readline";
import { markLessonRead } from "~/services/learning.server";
import { submitAttempt } from "~/services/quiz.server";
import { viewerFor } from "../../db/seed-training";

const [username, slug, action, target, answers] = process.argv.slice(2);
if (!username || !slug || !target || (action !== "read" && action !== "submit")) throw new Error("bad arguments");
const viewer = viewerFor(username);
process.stdout.write("ready\n");
for await (const line of readline.createInterface({ input: process.stdin })) if (line === "go") break;
if (action === "read") markLessonRead(viewer, slug, target);
else submitAttempt(viewer, slug, Number(target), JSON.parse(answers ?? "{}"));
process.stdout.write("done\n");
process.exit(0);
