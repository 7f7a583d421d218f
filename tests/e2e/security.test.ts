/**
 * The built server attacked from outside, the way a reviewer would: wrong content types
 * and oversized bodies on every action, cross-site posts, guessing bursts and forged
 * forwarding headers. No browser needed; each server here has its own copy of the database.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RULES } from "~/domain/rate-limit";
import { bodyLimitFor } from "~/domain/request-limits";
import { type AppServer, signInCookie, startAppServer } from "../setup/app-server";
import { removeDatabase, TMP_DIR } from "../setup/temp-database";

let plain: AppServer;
let proxied: AppServer;
const databases: string[] = [];

/** A copy of the browser tests' seeded database, taken with SQLite's online backup. */
async function copyOfSeededDatabase(name: string): Promise<string> {
  const file = path.join(TMP_DIR, `security-${name}-${process.pid}.db`);
  removeDatabase(file);
  const source = new Database(inject("databasePath"), { readonly: true });
  await source.backup(file);
  source.close();
  databases.push(file);
  return file;
}

function clearRateLimits(server: AppServer) {
  const db = new Database(server.databasePath);
  db.prepare("delete from rate_limits").run();
  db.close();
}

function rateLimitKeys(server: AppServer): string[] {
  const db = new Database(server.databasePath, { readonly: true });
  const keys = db.prepare("select key from rate_limits").pluck().all() as string[];
  db.close();
  return keys;
}

beforeAll(async () => {
  plain = await startAppServer(await copyOfSeededDatabase("plain"));
  // As behind a reverse proxy on the same machine: only 127.0.0.1 may forward.
  proxied = await startAppServer(await copyOfSeededDatabase("proxied"), { TRUST_PROXY: "127.0.0.1" });
}, 60_000);

afterAll(async () => {
  await plain?.stop();
  await proxied?.stop();
  for (const file of databases) removeDatabase(file);
});

interface RawAnswer {
  status: number;
  head: string;
  ms: number;
}

/** Writes exactly these bytes on a new connection and reads the first answer's status line. */
function raw(server: AppServer, head: string, body: Buffer | null = null, keepSending = 0): Promise<RawAnswer> {
  const port = Number(new URL(server.url).port);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const end = received.indexOf("\r\n\r\n");
      if (end >= 0) {
        const status = Number(received.slice(9, 12));
        socket.destroy();
        resolve({ status, head: received.slice(0, end), ms: Date.now() - started });
      }
    });
    socket.on("error", (error) => reject(error));
    socket.write(head.replaceAll("\n", "\r\n"));
    if (body) socket.write(body);
    // Go on sending, as a client uploading a huge file would, until the answer arrives.
    const chunk = Buffer.alloc(64 * 1024, 97);
    let sent = 0;
    const pump = () => {
      while (sent < keepSending && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
    };
    pump();
  });
}

const postHead = (server: AppServer, target: string, headers: Record<string, string | number>) => {
  const host = new URL(server.url).host;
  const lines = Object.entries({ Host: host, Origin: server.url, ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `POST ${target} HTTP/1.1\n${lines.join("\n")}\n\n`;
};

describe("request bodies", () => {
  it("refuses a body larger than the route takes with 413 at once, while the client is still sending", async () => {
    for (const target of ["/login", "/locale", "/verify", "/roster"]) {
      const declared = bodyLimitFor(target).bytes + 1;
      const answer = await raw(
        plain,
        postHead(plain, target, { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": 1 << 30 }),
        null,
        8 * 1024 * 1024,
      );
      expect(answer.status, target).toBe(413);
      expect(answer.ms, target).toBeLessThan(2_000);
      const exact = await raw(
        plain,
        postHead(plain, target, { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": declared }),
      );
      expect(exact.status, target).toBe(413);
    }
    const health = await fetch(`${plain.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it("tells a client that asks first (Expect: 100-continue) before it sends anything, and refuses unknown lengths", async () => {
    const asked = await raw(
      plain,
      postHead(plain, "/login", {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": 256 * 1024 * 1024,
        Expect: "100-continue",
      }),
    );
    expect(asked.status).toBe(413);
    const chunked = await raw(
      plain,
      postHead(plain, "/login", {
        "Content-Type": "application/x-www-form-urlencoded",
        "Transfer-Encoding": "chunked",
      }),
      Buffer.from("5\r\nab=cd\r\n0\r\n\r\n"),
    );
    expect(chunked.status).toBe(411);
  });

  it("answers the next request on a connection whose last body was left unread", async () => {
    const port = Number(new URL(plain.url).port);
    const answers = await new Promise<string[]>((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1");
      let received = "";
      const timer = setTimeout(() => reject(new Error(`no second answer: ${received.slice(0, 200)}`)), 3_000);
      socket.on("data", (chunk) => {
        received += chunk.toString("latin1");
        const statuses = received.match(/HTTP\/1\.1 \d{3}/g) ?? [];
        if (statuses.length === 2) {
          clearTimeout(timer);
          socket.destroy();
          resolve(statuses);
        }
      });
      socket.on("error", reject);
      const body = Buffer.alloc(60_000, 97);
      // /healthz has no action: the answer (405) does not read the body.
      socket.write(
        postHead(plain, "/healthz", {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": body.length,
        }).replaceAll("\n", "\r\n"),
      );
      socket.write(body);
      setTimeout(() => socket.write(`GET /healthz HTTP/1.1\r\nHost: ${new URL(plain.url).host}\r\n\r\n`), 200);
    });
    expect(answers).toEqual(["HTTP/1.1 405", "HTTP/1.1 200"]);
  });
});

/** Every route module with an action, as a URL with plausible parameters. */
function actionTargets(): string[] {
  const dir = path.resolve("app/routes");
  const values: Record<string, string> = {
    slug: "can-bo-cap-xa",
    lesson: "vai-tro-nhiem-vu",
    key: "vai-tro-nhiem-vu",
    attemptId: "1",
    eventId: "1",
    day: "1",
    importId: "1",
    unitId: "1",
    userId: "00000000-0000-0000-0000-000000000000",
    certificateId: "1",
  };
  return fs
    .readdirSync(dir)
    .filter((file) =>
      /export (async )?function action|export const action/.test(fs.readFileSync(path.join(dir, file), "utf8")),
    )
    .map((file) => {
      const segments = file
        .replace(/\.tsx?$/, "")
        .split(".")
        .filter((s) => s !== "_index")
        .map((s) => (s === "$" ? "no-such-page" : s.startsWith("$") ? (values[s.slice(1)] ?? "1") : s));
      return `/${segments.join("/")}`;
    })
    .sort((a, b) => Number(a === "/logout") - Number(b === "/logout"));
}

describe("every action", () => {
  const targets = actionTargets();
  let admin: string;

  beforeAll(async () => {
    clearRateLimits(plain);
    admin = await signInCookie(plain.url, "admin", "demo1234");
  });

  it("is found: the list covers the app's actions (signing out last)", () => {
    expect(targets.length).toBeGreaterThanOrEqual(30);
    expect(targets).toContain("/login");
    expect(targets).toContain("/roster");
  });

  it("answers other content types with 415, oversized bodies with 413, broken ones never with 5xx", async () => {
    const send = (target: string, contentType: string, body: string, cookie: string | null = admin) =>
      fetch(`${plain.url}${target}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: plain.url, "Content-Type": contentType, ...(cookie ? { Cookie: cookie } : {}) },
        body,
      });
    const failures: string[] = [];
    for (const target of targets) {
      const expectStatus = async (what: string, response: Promise<Response>, check: (status: number) => boolean) => {
        const status = (await response).status;
        if (!check(status)) failures.push(`${target} ${what}: ${status}`);
      };
      await expectStatus("json", send(target, "application/json", '{"intent":"x"}'), (s) => s === 415);
      await expectStatus("text", send(target, "text/plain", "intent=x"), (s) => s === 415);
      await expectStatus("xml", send(target, "application/xml", "<a/>", null), (s) => s === 415);
      await expectStatus(
        "broken multipart",
        send(target, "multipart/form-data; boundary=zzz", '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'),
        (s) => s < 500,
      );
      await expectStatus("multipart without boundary", send(target, "multipart/form-data", "garbage"), (s) => s < 500);
      await expectStatus(
        "junk form",
        send(target, "application/x-www-form-urlencoded", "intent=%FF%FE&x=%E0%A4%A&&=&file=1&day=-1&id=9e99"),
        (s) => s < 500,
      );
      await expectStatus(
        "oversized",
        send(target, "application/x-www-form-urlencoded", "a".repeat(bodyLimitFor(target).bytes + 1)),
        (s) => s === 413,
      );
      await expectStatus(
        "cross-site",
        fetch(`${plain.url}${target}`, {
          method: "POST",
          redirect: "manual",
          headers: {
            Origin: "https://evil.example",
            "Content-Type": "application/x-www-form-urlencoded",
            Cookie: admin,
          },
          body: "intent=x",
        }),
        (s) => s === 403,
      );
    }
    expect(failures).toEqual([]);
    expect(plain.output()).not.toMatch(/"level":50/);
  });

  it("refuses posts from other sites however they say so: Origin, Referer, or Sec-Fetch-Site without either", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${plain.url}/logout`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: admin, ...headers },
        body: "",
      });
    expect((await post({ Origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ Origin: "null" })).status).toBe(403);
    expect((await post({ Referer: "https://evil.example/page" })).status).toBe(403);
    expect((await post({ "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    // Remix's own data requests get the status in JSON for the page's error boundary.
    const data = await fetch(`${plain.url}/login?_data=routes%2Flogin`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "username=a&password=b",
    });
    expect(data.status).toBe(403);
    expect(data.headers.get("X-Remix-Catch")).toBe("yes");
    expect(await data.json()).toEqual({ status: 403 });
  });
});

describe("sign-in throttling against the real server", () => {
  const attempt = (server: AppServer, password: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ username: "manager", password }),
    });

  it("counts a burst of parallel guesses before any password is hashed: only the limit get an answer", async () => {
    clearRateLimits(plain);
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(plain, `guess-${i}`)));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(RULES.signInAccountAddress.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - RULES.signInAccountAddress.limit);
    clearRateLimits(plain);
  });

  it("ignores forwarding headers from a client that is not a configured proxy", async () => {
    clearRateLimits(plain);
    for (let i = 0; i < RULES.signInAccountAddress.limit; i++) {
      expect((await attempt(plain, `guess-${i}`, { "X-Forwarded-For": `198.51.100.${i}` })).status).toBe(400);
    }
    // A new forged address every time does not buy another turn…
    expect((await attempt(plain, "demo1234", { "X-Forwarded-For": "198.51.100.200" })).status).toBe(429);
    // …and nothing was counted against the forged addresses (nobody can lock out a victim's address).
    expect(rateLimitKeys(plain).filter((key) => key.includes("198.51.100"))).toEqual([]);
    expect(rateLimitKeys(plain)).toContain("signin:addr:127.0.0.1");
    // Nor does a forged host or scheme reach the app: the origin check and HSTS ignore them.
    const forgedHost = await fetch(`${plain.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Origin: "https://evil.example",
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "",
    });
    expect(forgedHost.status).toBe(403);
    const page = await fetch(`${plain.url}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(page.headers.get("Strict-Transport-Security")).toBeNull();
    clearRateLimits(plain);
  });

  it("believes a configured proxy: each forwarded client is counted on its own", async () => {
    clearRateLimits(proxied);
    for (let i = 0; i < RULES.signInAccountAddress.limit; i++) {
      expect((await attempt(proxied, `guess-${i}`, { "X-Forwarded-For": "203.0.113.9" })).status).toBe(400);
    }
    expect((await attempt(proxied, "demo1234", { "X-Forwarded-For": "203.0.113.9" })).status).toBe(429);
    // The same person from another address (the proxy appends the real client last) gets in.
    expect((await attempt(proxied, "demo1234", { "X-Forwarded-For": "203.0.113.9, 198.51.100.7" })).status).toBe(302);
    expect(rateLimitKeys(proxied)).toContain("signin:addr:203.0.113.9");
    const secure = await fetch(`${proxied.url}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(secure.headers.get("Strict-Transport-Security")).toMatch(/max-age=\d+/);
    clearRateLimits(proxied);
  });
});

describe("response headers", () => {
  it("sends a Content-Security-Policy with a fresh nonce that Remix's scripts carry, and forbids framing", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${plain.url}/login`);
      const policy = response.headers.get("Content-Security-Policy") ?? "";
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? "";
      expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(response.headers.get("X-Frame-Options")).toBe("DENY");
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("serves the fingerprinted build files for a year, compressed", async () => {
    const html = await (await fetch(`${plain.url}/login`)).text();
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const response = await fetch(`${plain.url}${asset}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toMatch(/max-age=31536000.*immutable/);
    expect(response.headers.get("Content-Encoding")).toBe("gzip");
  });
});
