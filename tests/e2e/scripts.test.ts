/**
 * The npm scripts the README documents, run the way an operator runs them: each at least
 * once in CI, on a database of its own. (`db:seed:national` and `bench:reports` build and read
 * a multi-gigabyte national database in minutes; they are run by hand, see the README.)
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../setup/app-server";
import { removeDatabase, TMP_DIR } from "../setup/temp-database";

const run = promisify(execFile);
fs.mkdirSync(TMP_DIR, { recursive: true });
const work = fs.mkdtempSync(path.join(TMP_DIR, "scripts-"));
const database = path.join(work, "app.db");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_PATH: database,
  NODE_ENV: "production",
  COOKIE_SECURE: "never",
};

afterAll(() => {
  removeDatabase(database);
  fs.rmSync(work, { recursive: true, force: true });
});

const npm = (script: string, args: string[] = [], extra: Record<string, string> = {}) =>
  run("npm", ["run", "--silent", script, ...(args.length ? ["--", ...args] : [])], {
    env: { ...env, ...extra },
    maxBuffer: 64 * 1024 * 1024,
  });

describe("the documented scripts", () => {
  const scripts = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts as Record<string, string>;

  it("name only files that exist (or that the build makes)", () => {
    const made = new Set(["build/server.js", "build/index.js"]);
    const missing: string[] = [];
    for (const [name, command] of Object.entries(scripts)) {
      for (const [file] of command.matchAll(/[\w./-]+\.(?:ts|tsx|mjs|js)\b/g)) {
        if (/^[\w-]+\.config\./.test(file) || made.has(file.replace(/^\.\//, ""))) continue;
        if (!fs.existsSync(file)) missing.push(`${name}: ${file}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(scripts)).not.toContain("db:migrate");
  });

  it("docs/deploy.md and the Dockerfile use only scripts that exist", () => {
    const used = [fs.readFileSync("docs/deploy.md", "utf8"), fs.readFileSync("Dockerfile", "utf8")]
      .join("\n")
      .matchAll(/npm(?:", "| )run(?:", "| )([\w:-]+)/g);
    const names = [...new Set([...used].map((m) => m[1] as string))];
    expect(names).toEqual(expect.arrayContaining(["serve", "build", "db:backup", "db:restore"]));
    expect(names.filter((name) => !(name in scripts))).toEqual([]);
  });

  it("`npm run serve` migrates, seeds, prints the demo accounts, serves, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    let output = "";
    const child: ChildProcess = spawn("npm", ["run", "serve"], {
      env: { ...env, PORT: String(port), WEB_CONCURRENCY: "2" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    // "close": every process holding the output pipe (npm, the primary, the workers) has ended.
    const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
    try {
      const deadline = Date.now() + 90_000;
      let healthy = false;
      while (!healthy && Date.now() < deadline) {
        healthy = await fetch(`http://localhost:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 300));
      }
      expect(healthy, output).toBe(true);
      expect(output).toContain("Demo accounts");
      expect(output).toMatch(/learner\s+/);
      const page = await fetch(`http://localhost:${port}/login`);
      expect(page.status).toBe(200);
      // An idle keep-alive connection must not hold the stop up.
      await fetch(`http://localhost:${port}/healthz`, { keepalive: true });
      const stopping = Date.now();
      process.kill(-(child.pid as number), "SIGTERM");
      await exited;
      expect(Date.now() - stopping).toBeLessThan(8_000);
      // Every worker, and the primary, stopped on its own rather than being killed.
      expect(output.match(/"msg":"stopped"/g) ?? [], output).toHaveLength(3);
    } finally {
      if (child.exitCode === null) process.kill(-(child.pid as number), "SIGKILL");
    }
  }, 120_000);

  it("db:setup, db:check-rollups, content:check and content:export run on that database", async () => {
    const setup = await npm("db:setup");
    expect(setup.stdout).toContain("migrated");
    const rollups = await npm("db:check-rollups");
    expect(rollups.stdout).toContain("No difference");
    expect(rollups.stdout).toContain("No duplicate");
    const check = await npm("content:check");
    expect(check.stdout).toMatch(/can-bo-cap-xa/);
    const out = path.join(work, "export");
    const exported = await npm("content:export", [`--out=${out}`]);
    expect(exported.stdout).toContain("can-bo-cap-xa");
    expect(fs.readFileSync(path.join(out, "can-bo-cap-xa", "course.md"), "utf8")).toBe(
      fs.readFileSync(path.join("content", "can-bo-cap-xa", "course.md"), "utf8"),
    );
  }, 120_000);

  it("db:generate finds the schema and the committed migrations in step", async () => {
    const migrations = path.join(work, "migrations");
    fs.cpSync("db/migrations", migrations, { recursive: true });
    const config = path.join(work, "drizzle.config.json");
    // drizzle-kit wants the folder relative to the working directory.
    const out = `./${path.relative(process.cwd(), migrations)}`;
    fs.writeFileSync(config, JSON.stringify({ dialect: "sqlite", schema: "./db/schema.ts", out }));
    const generated = await run("npx", ["drizzle-kit", "generate", `--config=${config}`], { env });
    expect(generated.stdout).toMatch(/No schema changes/i);
    expect(fs.readdirSync(migrations).filter((f) => f.endsWith(".sql")).length).toBe(
      fs.readdirSync("db/migrations").filter((f) => f.endsWith(".sql")).length,
    );
  }, 60_000);

  it("bench:import, bench:lesson and bench:quiz print their figures (a short run)", async () => {
    const imported = await run("npx", ["tsx", "tests/bench/import.ts"], { env: { ...env, BENCH_ROWS: "300" } });
    expect(imported.stdout).toMatch(/300/);
    const lesson = await run("npx", ["tsx", "tests/bench/lesson.ts"], { env: { ...env, BENCH_SECONDS: "1" } });
    expect(lesson.stdout).toMatch(/req\/s/);
    expect(lesson.stdout).toMatch(/First load/);
    const quiz = await run("npx", ["tsx", "tests/bench/quiz.ts"], { env: { ...env, BENCH_LEARNERS: "5" } });
    expect(quiz.stdout).toMatch(/5/);
  }, 240_000);
});
