import { describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_USERNAME } from "~/domain/throttle";
import * as home from "~/routes/_index";
import * as changePassword from "~/routes/change-password";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import { cookieFor, get, ORIGIN, post, run } from "../setup/requests";

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
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("answers malformed sign-in posts with 400, not 500", async () => {
    const response = await run(login.action, post("/login", {}));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: { username: "form.required", password: "form.required" } });
  });

  it("throttles a username after repeated failures, even with the right password, and keeps it in SQLite", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME; i++) {
      await run(login.action, post("/login", { username: "learner2", password: `wrong-${i}` }));
    }
    const response = await run(login.action, post("/login", { username: "learner2", password: "demo1234" }));
    expect(response.status).toBe(429);
    const body = await response.json();
    expect(body.errors._form).toBe("login.throttled");
    expect(body.throttledMinutes).toBeGreaterThan(0);
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
  it("sends a person with an initial password to change it, then lets them in", async () => {
    const { getDb } = await import("~/utils/db.server");
    const { users } = await import("../../db/schema");
    const { eq } = await import("drizzle-orm");
    getDb().update(users).set({ mustChangePassword: true }).where(eq(users.username, "manager")).run();
    const cookie = await cookieFor("manager");

    const blocked = await run(home.loader, get("/", cookie));
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("Location")).toBe("/change-password");

    const mismatch = await run(
      changePassword.action,
      post(
        "/change-password",
        { currentPassword: "demo1234", newPassword: "mat-khau-moi-1", confirmPassword: "x" },
        { cookie },
      ),
    );
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ errors: { confirmPassword: "password.mismatch" } });

    const done = await run(
      changePassword.action,
      post(
        "/change-password",
        { currentPassword: "demo1234", newPassword: "mat-khau-moi-1", confirmPassword: "mat-khau-moi-1" },
        { cookie },
      ),
    );
    expect(done.status).toBe(302);
    expect((await run(home.loader, get("/", cookie))).status).toBe(200);
    await expect(cookieFor("manager")).rejects.toThrow();
    await expect(cookieFor("manager", "mat-khau-moi-1")).resolves.toMatch(/^cp_session=/);
  });
});
