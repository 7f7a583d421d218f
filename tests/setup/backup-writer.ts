/**
 * A process that writes while another takes a backup: inserts audit rows through
 * `writeTransaction`, one per transaction, and prints `ack <id>` once each has committed,
 * until its stdin closes.
 *
 *   DATABASE_PATH=… tsx tests/setup/backup-writer.ts
 */

import { getDb, writeTransaction } from "~/utils/db.server";
import { auditLog } from "../../db/schema";

let open = true;
process.stdin.on("end", () => {
  open = false;
});
process.stdin.resume();
getDb();
process.stdout.write("ready\n");
while (open) {
  const row = writeTransaction((tx) =>
    tx
      .insert(auditLog)
      .values({ action: "backup.test", entityType: "test", entityId: "writer" })
      .returning({ id: auditLog.id })
      .get(),
  );
  process.stdout.write(`ack ${row.id}\n`);
  await new Promise((r) => setTimeout(r, 2));
}
getDb().$client.close();
process.exit(0);
