import { json } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { getDb } from "~/utils/db.server";

/** For the load balancer and for people: is the process up and the database answering? */
export async function loader() {
  try {
    const row = getDb().get<{ ok: number }>(sql`select 1 as ok`);
    const journal = getDb().$client.pragma("journal_mode", { simple: true });
    return json({ status: "ok", database: { status: row?.ok === 1 ? "ok" : "error", journalMode: journal } });
  } catch {
    return json({ status: "error", database: { status: "unreachable" } }, { status: 503 });
  }
}
