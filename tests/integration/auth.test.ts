import { describe, expect, it } from "vitest";
import { RULES } from "~/domain/rate-limit";
import * as home from "~/routes/_index";
import * as changePassword from "~/routes/change-password";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import { getViewer } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { rateLimits } from "../../db/schema";
import { cookieFor, formErrorsOf, get, loadContext, ORIGIN, post, run } from "../setup/requests";

const sessionCookieOf = (response: Response) => response.headers.get("Set-Cookie")?.split(";")[0] ?? "";

describe("sign-in", () => {
  it("signs in with the demo password and sets an httpOnly, SameSite=Lax session cookie", async () => {
    const response = await run(login.action, post("/login", { username: "learner", password: "demo1234" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    const cookie = response.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^cp_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const page = await run(home.loader, get("/", sessionCookieOf(response)));
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ fullName: "Lường Văn Tâm" });
  });

  it("accepts usernames typed with capitals and spaces", async () => {
    const response = await run(login.action, post("/login", { username: "  Learner ", password: "demo1234" }));
    expect(response.status).toBe(302);
  });

  it("refuses a wrong password with the same message as an unknown user", async () => {
    const wrong = await run(login.action, post("/login", { username: "manager", password: "nope-nope" }));
    const unknown = await run(login.action, post("/login", { username: "nobody", password: "nope-nope" }));
    expect(wrong.status).toBe(400);
    const [wrongBody, unknownBody] = [await wrong.json(), await unknown.json()];
    expect(formErrorsOf(wrongBody)).toEqual({ _form: "login.failed" });
    expect(formErrorsOf(unknownBody)).toEqual(formErrorsOf(wrongBody));
    // The form comes back with the username as typed, never with the password.
    expect(wrongBody.result.initialValue).toMatchObject({ username: "manager" });
    expect(wrongBody.result.initialValue).not.toHaveProperty("password");
  });

  it("answers malformed sign-in posts with 400, not 500", async () => {
    const response = await run(login.action, post("/login", {}));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(formErrorsOf(body)).toEqual({ username: "form.required", password: "form.required" });
    // What was typed comes back (nothing here), the password never.
    expect(body.result.initialValue).not.toHaveProperty("password");
  });

  it("refuses a sign-in post from another origin", async () => {
    const response = await run(
      login.action,
      post("/login", { username: "learner", password: "demo1234" }, { origin: "https://evil.example" }),
    );
    expect(response.status).toBe(403);
  });

  it("only redirects back to local paths", async () => {
    const response = await run(
      login.action,
      post("/login", { username: "trainer", password: "demo1234", redirectTo: "//evil.example/x" }),
    );
    expect(response.headers.get("Location")).toBe("/");
  });

  it("sends visitors without a session to the sign-in page, remembering where they were going", async () => {
    const response = await run(home.loader, get("/units/3"));
    expect(response.status).toBe(302);
    const anyPage = await run(home.loader, new Request(`${ORIGIN}/users?q=a`));
    expect(anyPage.headers.get("Location")).toBe("/login?redirectTo=%2Fusers%3Fq%3Da");
  });

  it("ends the session on sign-out", async () => {
    const cookie = await cookieFor("trainer");
    const response = await run(logout.action, post("/logout", {}, { cookie }));
    expect(response.headers.get("Location")).toBe("/login");
    expect((await run(home.loader, get("/", cookie))).status).toBe(302);
  });
});

describe("forced password change", () => {
  it("sends a person with an initial password to change it, without asking for it again, then lets them in", async () => {
    const { getDb } = await import("~/utils/db.server");
    const { users } = await import("../../db/schema");
    const { eq } = await import("drizzle-orm");
    getDb().update(users).set({ mustChangePassword: true }).where(eq(users.username, "manager")).run();
    const cookie = await cookieFor("manager");
    const change = (fields: Record<string, string>) =>
      run(changePassword.action, post("/change-password", fields, { cookie }));

    const blocked = await run(home.loader, get("/", cookie));
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("Location")).toBe("/change-password");
    expect(await (await run(changePassword.loader, get("/change-password", cookie))).json()).toEqual({
      mustChange: true,
    });

    const mismatch = await change({ newPassword: "mat-khau-moi-1", confirmPassword: "x" });
    expect(mismatch.status).toBe(400);
    const refused = await mismatch.json();
    expect(formErrorsOf(refused)).toEqual({ confirmPassword: "password.mismatch" });
    // What was typed in password fields is never sent back.
    expect(JSON.stringify(refused)).not.toContain("mat-khau-moi-1");

    const same = await change({ newPassword: "demo1234", confirmPassword: "demo1234" });
    expect(formErrorsOf(await same.json())).toEqual({ newPassword: "password.sameAsOld" });

    // The first change: the initial password was typed to sign in a moment ago, not again.
    const done = await change({ newPassword: "mat-khau-moi-1", confirmPassword: "mat-khau-moi-1" });
    expect(done.status).toBe(302);
    expect((await run(home.loader, get("/", cookie))).status).toBe(200);
    await expect(cookieFor("manager")).rejects.toThrow();
    await expect(cookieFor("manager", "mat-khau-moi-1")).resolves.toMatch(/^cp_session=/);

    // Every later change asks for the current password.
    const missing = await change({ newPassword: "mat-khau-moi-2", confirmPassword: "mat-khau-moi-2" });
    expect(formErrorsOf(await missing.json())).toEqual({ currentPassword: "form.required" });
    const wrong = await change({
      currentPassword: "demo1234",
      newPassword: "mat-khau-moi-2",
      confirmPassword: "mat-khau-moi-2",
    });
    expect(formErrorsOf(await wrong.json())).toEqual({ currentPassword: "password.wrongCurrent" });
    const later = await change({
      currentPassword: "mat-khau-moi-1",
      newPassword: "mat-khau-moi-2",
      confirmPassword: "mat-khau-moi-2",
    });
    expect(later.status).toBe(302);
  });
});

describe("the viewer of a request", () => {
  it("is looked up once per page: the root and route loaders share it through the load context", async () => {
    const cookie = await cookieFor("learner");
    const context = loadContext();
    // Remix hands each loader of one page a Request of its own; the context is the same.
    const root = getViewer(get("/", cookie), context);
    const route = getViewer(get("/", cookie), context);
    expect(route).toBe(root);
    expect((await root).viewer?.user.username).toBe("learner");
    // Another request, another lookup; an action never reuses a lookup (it may sign in or out).
    expect(getViewer(get("/", cookie), loadContext())).not.toBe(root);
    const action = post("/", {}, { cookie });
    expect(getViewer(action, context)).not.toBe(getViewer(action, context));
  });
});

describe("sign-in throttling", () => {
  const attempt = (username: string, password: string, address: string, cookie?: string) =>
    run(login.action, post("/login", { username, password }, { cookie }), {}, loadContext({ clientAddress: address }));
  const deviceCookieOf = (response: Response) =>
    response.headers
      .getSetCookie()
      .find((c) => c.startsWith("cp_device="))
      ?.split(";")[0] ?? "";

  it("after 5 wrong passwords from one address, refuses that address even the right one — and nobody else", async () => {
    getDb().delete(rateLimits).run();
    for (let i = 0; i < RULES.signInAccountAddress.limit; i++) {
      expect((await attempt("learner2", `wrong-${i}`, "203.0.113.20")).status).toBe(400);
    }
    const refused = await attempt("learner2", "demo1234", "203.0.113.20");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = await refused.json();
    expect(formErrorsOf(body)._form).toBe("login.throttled.accountAddress");
    expect(body.throttledMinutes).toBeGreaterThan(0);
    // The owner, from an address that has not been failing, still gets in.
    expect((await attempt("learner2", "demo1234", "198.51.100.20")).status).toBe(302);
    // Another account from the failing address is not locked either.
    expect((await attempt("trainer", "demo1234", "203.0.113.20")).status).toBe(302);
  });

  it("counts parallel guesses before the password is hashed: a burst gets exactly the limit through", async () => {
    getDb().delete(rateLimits).run();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt("manager", `guess-${i}`, "203.0.113.30")),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 400)).toHaveLength(RULES.signInAccountAddress.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - RULES.signInAccountAddress.limit);
  });

  it("forgives an address its typos once the right password gets in", async () => {
    getDb().delete(rateLimits).run();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < RULES.signInAccountAddress.limit - 1; i++) {
        expect((await attempt("learner", `typo-${i}`, "203.0.113.40")).status).toBe(400);
      }
      expect((await attempt("learner", "demo1234", "203.0.113.40")).status).toBe(302);
    }
  });

  it("slows guessing spread over many addresses, without locking the owner out of a browser they used before", async () => {
    getDb().delete(rateLimits).run();
    const owner = await attempt("admin", "demo1234", "198.51.100.50");
    expect(owner.status).toBe(302);
    const device = deviceCookieOf(owner);
    expect(device).toMatch(/^cp_device=/);
    expect(owner.headers.getSetCookie().find((c) => c.startsWith("cp_device="))).toMatch(/HttpOnly/i);

    // Strangers guess from many addresses, a few tries each: none of them reaches the
    // per-address limits, but together they reach the account's limit for new browsers.
    for (let i = 0; i < RULES.signInAccountNewDevice.limit; i++) {
      expect((await attempt("admin", `guess-${i}`, `192.0.2.${100 + i}`)).status).toBe(400);
    }
    const stranger = await attempt("admin", "demo1234", "192.0.2.250");
    expect(stranger.status).toBe(429);
    expect(formErrorsOf(await stranger.json())._form).toBe("login.throttled.account");
    // The owner's own browser, from yet another address, is not counted against the account.
    expect((await attempt("admin", "demo1234", "198.51.100.51", device)).status).toBe(302);
    // A forged or altered device cookie is worth nothing.
    const forged = device.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await attempt("admin", "demo1234", "198.51.100.52", forged)).status).toBe(429);
  });

  it("refuses every account from an address that keeps failing, with its own message", async () => {
    getDb().delete(rateLimits).run();
    for (let i = 0; i < RULES.signInAddress.limit; i++) {
      expect((await attempt(`nobody-${i}`, "x", "203.0.113.60")).status).toBe(400);
    }
    const refused = await attempt("learner", "demo1234", "203.0.113.60");
    expect(refused.status).toBe(429);
    expect(formErrorsOf(await refused.json())._form).toBe("login.throttled.address");
    getDb().delete(rateLimits).run();
  });
});
