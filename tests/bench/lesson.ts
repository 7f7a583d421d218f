/**
 * `npm run bench:lesson` — a signed-in learner's lesson page:
 *  - requests/s at 20 concurrent connections (target ≥ 500), beside a plain Node `http`
 *    server sending the same bytes, measured in the same run;
 *  - the first load transferred, compressed (HTML + CSS + JS; target < 100 KB).
 */
import { spawn } from "node:child_process";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { freePort, signInCookie, startAppServer } from "../setup/app-server";
import { createTemplateDatabase, removeDatabase } from "../setup/temp-database";

const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LESSON = "/courses/can-bo-cap-xa/quy-trinh-ho-tro-can-thiep";

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

/** Bytes on the wire for the first visit: the document and every stylesheet and script it loads. */
async function firstLoadBytes(url: string, cookie: string) {
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } });
    const body = Buffer.from(await response.arrayBuffer());
    // fetch decompresses; measure what the server sent by compressing the same way when it did.
    const encoded = response.headers.get("content-encoding") === "gzip";
    return { body, wire: encoded ? zlib.gzipSync(body, { level: 6 }).length : body.length, encoded };
  };
  const html = await get(LESSON);
  const text = html.body.toString("utf8");
  const assets = new Set<string>();
  for (const match of text.matchAll(/<link[^>]+href="(\/build\/[^"]+)"/g)) assets.add(match[1] as string);
  for (const match of text.matchAll(/import[^"']*["'](\/build\/[^"']+)["']/g)) assets.add(match[1] as string);
  for (const match of text.matchAll(/<script[^>]+src="(\/build\/[^"]+)"/g)) assets.add(match[1] as string);
  let total = html.wire;
  const parts = [{ path: LESSON, bytes: html.wire }];
  for (const asset of assets) {
    const { wire } = await get(asset);
    total += wire;
    parts.push({ path: asset, bytes: wire });
  }
  return { total, parts, html: html.body };
}

async function plainServer(body: Buffer): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const source = `
    const http = require("node:http");
    const body = Buffer.from(process.env.BODY, "base64");
    http.createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
      res.end(body);
    }).listen(${port}, "127.0.0.1", () => process.stdout.write("ready\\n"));`;
  const child = spawn(process.execPath, ["-e", source], {
    env: { ...process.env, BODY: body.toString("base64") },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout?.once("data", () => resolve()));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

const database = await createTemplateDatabase();
const app = await startAppServer(database, {
  COOKIE_SECURE: "never",
  ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}),
});
try {
  const cookie = await signInCookie(app.url, "learner", "demo1234");
  const first = await firstLoadBytes(app.url, cookie);
  // Warm up, then measure the app and the plain server one after the other on the same machine.
  await load(`${app.url}${LESSON}`, { Cookie: cookie });
  const lesson = await load(`${app.url}${LESSON}`, { Cookie: cookie });
  const plain = await plainServer(first.html);
  const baseline = await load(plain.url, {});
  plain.stop();

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`Lesson page ${LESSON}, signed in, ${CONNECTIONS} connections, ${SECONDS} s`);
  console.log(
    `  app:   ${lesson.rps.toFixed(0)} req/s (p50 ${lesson.p50} ms, p99 ${lesson.p99} ms, ${lesson.errors} errors of ${lesson.total})`,
  );
  console.log(
    `  plain: ${baseline.rps.toFixed(0)} req/s serving the same ${kb(first.html.length)} from one node:http process`,
  );
  console.log(`  ratio app/plain: ${(lesson.rps / baseline.rps).toFixed(3)}`);
  console.log(`  target ≥ 500 req/s: ${lesson.rps >= 500 ? "met" : "NOT met"}`);
  console.log(
    `First load, compressed: ${kb(first.total)} (target < 100 KB: ${first.total < 100 * 1024 ? "met" : "NOT met"})`,
  );
  for (const part of first.parts) console.log(`  ${kb(part.bytes).padStart(9)}  ${part.path}`);
} finally {
  await app.stop();
  removeDatabase(database);
}
