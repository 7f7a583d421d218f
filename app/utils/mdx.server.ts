/**
 * The one place MDX is checked and compiled, for the importer, publishing, the editor's
 * problem list and the live preview; never on a learner's request (compiled output is kept
 * in SQLite by source hash). The work runs in worker threads (app/utils/mdx-compile.server.ts),
 * never on the request thread: a lesson gets MDX_TIME_LIMIT_MS, then its worker is ended and
 * replaced, so no lesson can hold a server process. Decision 015.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { MdxCheck, MdxProblem } from "~/domain/mdx-allow-list";
import type { CompileAnswer, MdxJob, MdxJobAnswer } from "~/utils/mdx-compile.server";

/** Bump when the compiler or its options change, so cached output is rebuilt. */
const COMPILER_VERSION = "mdx-bundler-10.1/gfm-4/checked-tree/2";

export function compiledHash(body: string): string {
  return crypto.createHash("sha256").update(COMPILER_VERSION).update("\0").update(body).digest("hex");
}

/** The longest a lesson may take to check and compile (the largest real one takes ~0.1 s). */
export const MDX_TIME_LIMIT_MS = 2_000;
/** Two workers: one pathological lesson does not hold up everyone else's preview. */
const POOL_SIZE = 2;
/** Lessons waiting beyond this are refused at once ("busy") rather than queued for long. */
const QUEUE_LIMIT = 16;
/** A worker loads MDX and tsx before its first job; on a loaded machine that takes seconds. */
const START_LIMIT_MS = 60_000;

const tooSlow = (lineOffset: number): MdxProblem => ({
  line: 1 + lineOffset,
  column: 1,
  message: `Bài học quá phức tạp, mất quá nhiều thời gian để kiểm tra (quá ${MDX_TIME_LIMIT_MS / 1000} giây). Hãy chia thành nhiều bài ngắn hơn, bớt danh sách hay thành phần lồng nhau, và đóng mọi dấu * hay _.`,
});
const tooBig = (lineOffset: number): MdxProblem => ({
  line: 1 + lineOffset,
  column: 1,
  message: "Bài học quá phức tạp, kiểm tra hết bộ nhớ cho phép. Hãy chia thành nhiều bài ngắn hơn.",
});
const internalError = (lineOffset: number): MdxProblem => ({
  line: 1 + lineOffset,
  column: 1,
  message: "Máy chủ gặp lỗi khi kiểm tra bài học này. Hãy báo cho quản trị viên.",
});
const busy = (lineOffset: number): MdxProblem => ({
  line: 1 + lineOffset,
  column: 1,
  message: "Máy chủ đang kiểm tra nhiều bài học cùng lúc. Hãy thử lại sau ít giây.",
});
const superseded = (lineOffset: number): MdxProblem => ({
  line: 1 + lineOffset,
  column: 1,
  message: "Đã có một bản mới hơn của bài học này đang chờ kiểm tra.",
});

type Answer<K extends MdxJob["kind"]> = K extends "check" ? MdxCheck : CompileAnswer;
/** Whether an answer says something about the text (and may be kept) or about the moment. */
type Outcome<K extends MdxJob["kind"]> = { answer: Answer<K>; lasting: boolean };

interface Pending {
  job: MdxJob;
  /** Who asked (an author's id), when the work is on someone's behalf. */
  owner?: string;
  settle: (outcome: Outcome<MdxJob["kind"]>) => void;
  fail: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Settles when the worker is ready, or gone before it was. */
  started: Promise<void>;
  pending: Pending | null;
  timer?: ReturnType<typeof setTimeout>;
}

declare global {
  // Kept across dev rebuilds, which load this module again: one pool per process, not one per build.
  var __mdxWorkers: { slots: Set<Slot>; queue: Pending[]; nextId: number } | undefined;
}
globalThis.__mdxWorkers ??= { slots: new Set(), queue: [], nextId: 1 };
const pool = globalThis.__mdxWorkers;
const { slots, queue } = pool;

/**
 * The worker's entry is a plain .mjs kept beside this file's source; it is found from here
 * (app/utils/ under Vitest and tsx, build/ once bundled) by looking up for the project.
 */
function workerEntry(): URL {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    for (const candidate of [path.join(dir, "mdx-worker.mjs"), path.join(dir, "app/utils/mdx-worker.mjs")]) {
      if (fs.existsSync(candidate)) return pathToFileURL(candidate);
    }
    dir = path.dirname(dir);
  }
  throw new Error("app/utils/mdx-worker.mjs not found: the MDX worker cannot start");
}

function failed(answerFor: (lineOffset: number) => MdxProblem, job: MdxJob): Outcome<MdxJob["kind"]> {
  const problems = [answerFor(job.lineOffset)];
  return { answer: job.kind === "check" ? { problems, assets: [] } : { ok: false, problems }, lasting: false };
}

function startWorker(): void {
  const worker = new Worker(workerEntry(), {
    // A lesson that exhausts these ends its worker, not the server. The stack is roomy
    // because the Markdown parser walks its tree recursively; the text checks keep any
    // tree that reaches it far shallower than this allows.
    resourceLimits: { maxOldGenerationSizeMb: 256, stackSizeMb: 16 },
  });
  let settleStart = () => {};
  const started = new Promise<void>((resolve) => {
    settleStart = resolve;
  });
  const slot: Slot = { worker, ready: false, started, pending: null };
  slots.add(slot);
  const startTimer = setTimeout(() => void worker.terminate(), START_LIMIT_MS);
  startTimer.unref();
  worker.on("message", (message: MdxJobAnswer | { ready: true }) => {
    if ("ready" in message) {
      clearTimeout(startTimer);
      slot.ready = true;
      settleStart();
      pump();
      return;
    }
    const pending = slot.pending;
    if (!pending || pending.job.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.pending = null;
    if ("error" in message) {
      // A fault of ours, not of the lesson: said on the page (which still opens) and logged.
      console.error(`[mdx] checking a lesson failed: ${message.error}`);
      pending.settle(failed(internalError, pending.job));
    } else pending.settle({ answer: message.answer, lasting: true });
    pump();
  });
  worker.on("error", (error) => {
    // Out of memory, or it could not start; "exit" follows and deals with the job and the slot.
    console.error(`[mdx] worker ended: ${error.message}`);
  });
  worker.on("exit", () => {
    settleStart();
    clearTimeout(startTimer);
    clearTimeout(slot.timer);
    if (!slots.delete(slot)) return;
    if (slot.pending) {
      slot.pending.settle(failed(tooBig, slot.pending.job));
      startWorker();
    } else if (!slot.ready) {
      // It could not start: each waiting lesson is told so, and the next one tries again.
      for (const waiting of queue.splice(0)) waiting.fail(new Error("the MDX worker did not start"));
      return;
    }
    pump();
  });
}

/** Hands waiting lessons to idle workers, starting workers as the queue needs them. */
function pump(): void {
  for (const slot of slots) {
    if (queue.length === 0) break;
    if (!slot.ready || slot.pending) continue;
    // Someone whose lesson is not already being checked goes first.
    const running = new Set([...slots].map((other) => other.pending?.owner).filter(Boolean));
    const next = queue.findIndex((waiting) => waiting.owner === undefined || !running.has(waiting.owner));
    const [pending] = queue.splice(Math.max(next, 0), 1) as [Pending];
    slot.pending = pending;
    slot.timer = setTimeout(() => {
      if (slot.pending !== pending) return;
      slot.pending = null;
      slots.delete(slot);
      void slot.worker.terminate();
      pending.settle(failed(tooSlow, pending.job));
      // Replaced at once: a new worker takes seconds to start, the next lesson should not wait for it.
      startWorker();
      pump();
    }, MDX_TIME_LIMIT_MS);
    slot.worker.postMessage(pending.job);
  }
  // The whole pool starts with the first lesson: a second worker is ready before a
  // pathological lesson holds the first one.
  while (queue.length > 0 && slots.size < POOL_SIZE) startWorker();
  // A worker holds the process open only while a lesson waits for it, so a script waiting
  // for an answer does not exit first, and one that is done is not kept alive by idle workers.
  for (const slot of slots) {
    if (slot.pending || (!slot.ready && queue.length > 0)) slot.worker.ref();
    else slot.worker.unref();
  }
}

/**
 * Queues one lesson. One author has at most one lesson waiting: a newer one takes the older
 * one's place (the preview shows only the latest text anyway), so one person sending
 * pathological previews holds at most one worker and one place in the queue, not all of them.
 */
function runInWorker<K extends MdxJob["kind"]>(
  kind: K,
  text: string,
  lineOffset: number,
  owner?: string,
): Promise<Outcome<K>> {
  const job: MdxJob = { id: pool.nextId++, kind, text, lineOffset };
  if (owner !== undefined) {
    const older = queue.findIndex((waiting) => waiting.owner === owner);
    if (older >= 0) {
      const [replaced] = queue.splice(older, 1);
      replaced?.settle(failed(superseded, replaced.job));
    }
  }
  if (queue.length >= QUEUE_LIMIT) return Promise.resolve(failed(busy, job) as Outcome<K>);
  return new Promise<Outcome<K>>((resolve, reject) => {
    queue.push({ job, owner, settle: (outcome) => resolve(outcome as Outcome<K>), fail: reject });
    pump();
  });
}

// The live preview and the publish that follows check the same text again and again, and
// the editor's problem list re-checks every lesson of a course on each visit: answers are
// kept by the text's hash, least recently used first out, bounded in count and in bytes.
// An answer is only ever the worker's answer for exactly that text (the hash covers the
// compiler version), so nothing cached skips a check; answers about the moment (too slow,
// busy) are not kept, the text may pass when the machine is less loaded.
const RECENT_ENTRIES = 256;
const RECENT_BYTES = 16 * 1024 * 1024;
const recent = new Map<string, { answer: MdxCheck | CompileAnswer; bytes: number }>();
let recentBytes = 0;

function remember(key: string, answer: MdxCheck | CompileAnswer): void {
  // Two bytes a character: what the strings weigh in memory.
  const bytes = 2 * JSON.stringify(answer).length;
  if (bytes > RECENT_BYTES / 4) return;
  recent.set(key, { answer, bytes });
  recentBytes += bytes;
  while (recent.size > RECENT_ENTRIES || recentBytes > RECENT_BYTES) {
    const [oldest, entry] = recent.entries().next().value as [string, { bytes: number }];
    recent.delete(oldest);
    recentBytes -= entry.bytes;
  }
}

async function answerFor<K extends MdxJob["kind"]>(
  kind: K,
  text: string,
  lineOffset: number,
  owner?: string,
): Promise<Answer<K>> {
  const key = `${kind}:${compiledHash(text)}:${lineOffset}`;
  const cached = recent.get(key);
  if (cached) {
    recent.delete(key);
    recent.set(key, cached);
    return cached.answer as Answer<K>;
  }
  const { answer, lasting } = await runInWorker(kind, text, lineOffset, owner);
  if (lasting) remember(key, answer);
  return answer;
}

/**
 * Checks a lesson (or a course introduction) against its limits and the allow-list, off the
 * request thread. `lineOffset` maps body lines back to the file when a frontmatter block was
 * cut off above.
 */
export function checkMdx(body: string, lineOffset = 0): Promise<MdxCheck> {
  return answerFor("check", body, lineOffset);
}

export type CompileResult =
  | { ok: true; code: string; hash: string; assets: MdxCheck["assets"] }
  | { ok: false; problems: MdxProblem[] };

/**
 * Checks then compiles, in one worker job: only the tree that passed the check is compiled.
 * `owner` (an author's id) keeps one person's lessons from taking the whole queue.
 */
export async function compileMdx(body: string, lineOffset = 0, owner?: string): Promise<CompileResult> {
  const answer = await answerFor("compile", body, lineOffset, owner);
  return answer.ok ? { ...answer, hash: compiledHash(body) } : answer;
}

/**
 * Starts the whole pool and waits until it is ready (or has failed to start): for a server
 * to call at start, so the first trainer does not wait, and for tests that measure.
 */
export async function warmMdxWorkers(): Promise<void> {
  while (slots.size < POOL_SIZE) startWorker();
  const starting = [...slots].filter((slot) => !slot.ready);
  for (const slot of starting) slot.worker.ref();
  await Promise.all(starting.map((slot) => slot.started));
  pump();
}

export { splitFrontmatter } from "~/domain/course-format";
