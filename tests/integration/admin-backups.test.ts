/** /admin/backups: administrators at the root of the tree see the backups and download one; no one else. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as page from "~/routes/admin.backups._index";
import * as download from "~/routes/admin.backups.$name";
import { runBackup } from "~/services/backups.server";
import { getDb } from "~/utils/db.server";
import { cookieFor, get, run } from "../setup/requests";
import { TMP_DIR } from "../setup/temp-database";

fs.mkdirSync(TMP_DIR, { recursive: true });
const dir = fs.mkdtempSync(path.join(TMP_DIR, "admin-backups-"));
process.env.BACKUP_DIR = dir;

describe("/admin/backups", () => {
  it("is refused to learners, trainers and managers, page and download alike", async () => {
    const backup = await runBackup({ databasePath: process.env.DATABASE_PATH as string, dir });
    for (const username of ["learner", "trainer", "manager"]) {
      const cookie = await cookieFor(username);
      expect((await run(page.loader, get("/admin/backups", cookie))).status).toBe(403);
      const file = await run(download.loader, get(`/admin/backups/${backup?.file}`, cookie), {
        name: backup?.file ?? "",
      });
      expect(file.status).toBe(403);
    }
    expect((await run(page.loader, get("/admin/backups"))).status).toBe(302);
  }, 60_000);

  it("lists the runs for the administrator, who downloads a backup (audited) and nothing else", async () => {
    const cookie = await cookieFor("admin");
    const response = await run(page.loader, get("/admin/backups", cookie));
    expect(response.status).toBe(200);
    const { runs } = await response.json();
    expect(runs[0]).toMatchObject({ ok: true, kept: true });
    const name = runs[0].file as string;
    const file = await run(download.loader, get(`/admin/backups/${name}`, cookie), { name });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain(name);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.equals(fs.readFileSync(path.join(dir, name)))).toBe(true);
    const audited = getDb()
      .$client.prepare("select count(*) as n from audit_log where action = 'backup.download'")
      .get() as {
      n: number;
    };
    expect(audited.n).toBe(1);
    for (const bad of [
      "../app.db",
      "history.jsonl",
      `${name.replace(".db.gz", ".json")}`,
      "lms-20990101T000000Z.db.gz",
    ])
      expect((await run(download.loader, get("/admin/backups/x", cookie), { name: bad })).status).toBe(404);
  }, 60_000);
});
