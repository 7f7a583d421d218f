import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { certificateCodeFrom, expiryDate, formatCertificateCode } from "~/domain/certificate";
import { RULES } from "~/domain/rate-limit";
import { todayInVietnam, translator } from "~/i18n";
import { findUnitByCode } from "~/models/units.server";
import { findUserByUsername } from "~/models/users.server";
import * as certificateList from "~/routes/certificates._index";
import * as certificatePage from "~/routes/certificates.$certificateId";
import * as certificatePdf from "~/routes/certificates.$certificateId.pdf";
import * as verifyForm from "~/routes/verify._index";
import * as verifyCode from "~/routes/verify.$code";
import { verificationUrl, verifyCertificate } from "~/services/certificates.server";
import { getDb } from "~/utils/db.server";
import {
  auditLog,
  certificates,
  courseCompletions,
  courses,
  courseVersions,
  rateLimits,
  roleGrants,
} from "../../db/schema";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { pdfText } from "../setup/pdf-text";
import { cookieFor, get, loadContext, post, run } from "../setup/requests";

type Certificate = typeof certificates.$inferSelect;

const today = todayInVietnam();

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const userId = (username: string) => findUserByUsername(username)?.id as string;

let cycles = 0;

/**
 * A certificate for the demo learner, inserted the way issue would store it (completion,
 * then certificate with the holder's details as of that day). The quiz pages are not used:
 * this file tests what happens after issue.
 */
function issueToLearner(dates: { issuedOn: string; expiresOn: string }): Certificate {
  const db = getDb();
  const course = db.select().from(courses).where(eq(courses.slug, "can-bo-cap-xa")).get();
  if (!course?.currentVersionId) throw new Error("course can-bo-cap-xa is not imported");
  const version = db.select().from(courseVersions).where(eq(courseVersions.id, course.currentVersionId)).get();
  if (!version) throw new Error("no current version");
  const holderId = userId("learner");
  // Each certificate is a cycle of its own (decision 018): one cycle holds one certificate.
  const cycle = ++cycles;
  const completion = db
    .insert(courseCompletions)
    .values({
      userId: holderId,
      courseId: course.id,
      courseVersionId: version.id,
      attemptId: null,
      completedAt: new Date(`${dates.issuedOn}T09:00:00+07:00`),
      cycle,
    })
    .returning()
    .get();
  return db
    .insert(certificates)
    .values({
      code: certificateCodeFrom(crypto.randomBytes(8)),
      userId: holderId,
      courseId: course.id,
      courseVersionId: version.id,
      completionId: completion.id,
      courseTitle: version.title,
      courseVersionNumber: version.number,
      holderName: "Lường Văn Tâm",
      positionName: "Người làm công tác bảo vệ trẻ em cấp xã",
      unitName: "Phường Him Lam",
      unitId: findUnitByCode("09401")?.id ?? null,
      issuedOn: dates.issuedOn,
      expiresOn: dates.expiresOn,
      cycle,
    })
    .returning()
    .get();
}

const pdfRequest = (id: number, cookie: string) =>
  run(certificatePdf.loader, get(`/certificates/${id}/pdf`, cookie), { certificateId: String(id) });

let valid: Certificate;
let expiring: Certificate;
let expired: Certificate;

beforeAll(() => {
  getDb().delete(rateLimits).run();
  expired = issueToLearner({ issuedOn: addDays(today, -800), expiresOn: addDays(today, -70) });
  expiring = issueToLearner({ issuedOn: addDays(today, -700), expiresOn: addDays(today, 10) });
  valid = issueToLearner({ issuedOn: today, expiresOn: expiryDate(today, 24) });
});

describe("the learner's certificates page", () => {
  it("lists every certificate, newest first, with its status, dates and formatted code", async () => {
    const cookie = await cookieFor("learner");
    const response = await run(certificateList.loader, get("/certificates", cookie));
    expect(response.status).toBe(200);
    const { certificates: listed } = await response.json();
    expect(listed.map((c: { id: number }) => c.id)).toEqual([valid.id, expiring.id, expired.id]);
    expect(listed.map((c: { status: string }) => c.status)).toEqual(["valid", "expiring", "expired"]);
    expect(listed[0]).toMatchObject({
      code: formatCertificateCode(valid.code),
      issuedOn: today,
      expiresOn: valid.expiresOn,
      verifyPath: `/verify/${encodeURIComponent(valid.code)}`,
      revokedOn: null,
    });
    expect(listed[0].code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-.$/);
  });

  it("shows another learner nothing of them", async () => {
    const cookie = await cookieFor("learner2");
    const { certificates: listed } = await (await run(certificateList.loader, get("/certificates", cookie))).json();
    expect(listed).toEqual([]);
  });
});

describe("the certificate PDF", () => {
  it("is a real PDF with the holder's name in Vietnamese and the code, the same bytes every time", async () => {
    const cookie = await cookieFor("learner");
    const first = await pdfRequest(valid.id, cookie);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe("application/pdf");
    const code = formatCertificateCode(valid.code);
    expect(first.headers.get("Content-Disposition")).toBe(
      `attachment; filename="chung-nhan-${code.replace(/[^0-9A-Z-]/g, "x")}.pdf"`,
    );
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    const second = new Uint8Array(await (await pdfRequest(valid.id, cookie)).arrayBuffer());
    expect(Buffer.from(second).equals(Buffer.from(bytes))).toBe(true);

    const text = await pdfText(bytes.slice());
    expect(text).toContain("GIẤY CHỨNG NHẬN");
    expect(text).toContain("Hoàn thành khóa tập huấn");
    expect(text).toContain("Lường Văn Tâm");
    expect(text).toContain("Phường Him Lam");
    expect(text).toContain(valid.courseTitle);
    expect(text).toContain(code);
    expect(text).toContain(`http://localhost:3000/verify/${encodeURIComponent(valid.code)}`);
  });

  it("points its QR code at the origin the server resolved for the request, never at a forwarded header", () => {
    // The server (app/server) puts a trusted proxy's scheme and host into request.url; a
    // header that reaches the app is not believed on its own (tests/integration/server.test.ts).
    const spoofed = new Request("http://localhost:3000/certificates/1/pdf", {
      headers: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example" },
    });
    expect(verificationUrl(spoofed, "ABCDE12345$")).toBe("http://localhost:3000/verify/ABCDE12345%24");
    const secure = new Request("https://taphuan.example.vn/certificates/1/pdf");
    expect(verificationUrl(secure, "ABCDE12345$")).toBe("https://taphuan.example.vn/verify/ABCDE12345%24");
  });

  it("is served to a manager who reaches the holder, and to nobody else: 404", async () => {
    const manager = await cookieFor("manager");
    expect((await pdfRequest(valid.id, manager)).status).toBe(200);

    const otherLearner = await cookieFor("learner2");
    expect((await pdfRequest(valid.id, otherLearner)).status).toBe(404);

    // Make learner2 the manager of Bắc Ninh: another province's manager.
    const bacNinh = findUnitByCode("27")?.id as number;
    getDb()
      .insert(roleGrants)
      .values({ userId: userId("learner2"), role: "manager", orgUnitId: bacNinh })
      .run();
    const bacNinhManager = await cookieFor("learner2");
    const refused = await pdfRequest(valid.id, bacNinhManager);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("Lường");
    const page = await run(certificatePage.loader, get(`/certificates/${valid.id}`, bacNinhManager), {
      certificateId: String(valid.id),
    });
    expect(page.status).toBe(404);
    expect((await pdfRequest(999_999, await cookieFor("learner"))).status).toBe(404);
  });
});

describe("public verification", () => {
  it("shows the holder, course, dates and status to anyone, and nothing about the person", async () => {
    const response = await run(verifyCode.loader, get(`/verify/${encodeURIComponent(valid.code)}`), {
      code: valid.code,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      outcome: "found",
      minutes: 0,
      certificate: {
        code: formatCertificateCode(valid.code),
        holderName: "Lường Văn Tâm",
        courseTitle: valid.courseTitle,
        issuedOn: today,
        expiresOn: valid.expiresOn,
        status: "valid",
        revokedOn: null,
      },
    });
    const learner = DEMO_ACCOUNTS.find((a) => a.username === "learner");
    expect(body).not.toContain('"learner"');
    expect(body).not.toContain(learner?.phone);
    expect(body).not.toContain(userId("learner"));
    expect(body).not.toContain("Phường Him Lam");
  });

  it("reads the code however it is typed and tells expiring and expired apart", async () => {
    const typed = formatCertificateCode(expiring.code).toLowerCase();
    const soon = await run(verifyCode.loader, get(`/verify/${encodeURIComponent(typed)}`), { code: typed });
    expect((await soon.json()).certificate.status).toBe("expiring");
    const old = await run(verifyCode.loader, get(`/verify/${expired.code}`), { code: expired.code });
    expect((await old.json()).certificate.status).toBe("expired");
  });

  it("answers 404 for a code nobody holds and for a malformed one", async () => {
    const unknown = certificateCodeFrom(crypto.randomBytes(8));
    const response = await run(verifyCode.loader, get(`/verify/${encodeURIComponent(unknown)}`), { code: unknown });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ outcome: "notFound", minutes: 0, certificate: null });
    const malformed = await run(verifyCode.loader, get("/verify/not-a-code"), { code: "not-a-code" });
    expect(malformed.status).toBe(404);
  });

  it("the form sends a well-typed code to its page and explains a mistyped one", async () => {
    const typed = ` ${formatCertificateCode(valid.code).toLowerCase()} `;
    const redirected = await run(verifyForm.loader, get(`/verify?code=${encodeURIComponent(typed)}`));
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("Location")).toBe(`/verify/${encodeURIComponent(valid.code)}`);

    // One symbol changed: the check symbol catches it before any lookup.
    const wrong = valid.code[3] === "7" ? "8" : "7";
    const typo = `${valid.code.slice(0, 3)}${wrong}${valid.code.slice(4)}`;
    const refused = await run(verifyForm.loader, get(`/verify?code=${typo}`));
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.errors).toEqual({ code: "verify.invalidCode" });
    expect(translator("vi")(body.errors.code)).toContain("Mã chứng nhận không đúng");

    const empty = await run(verifyForm.loader, get("/verify?code="));
    expect((await empty.json()).errors).toEqual({ code: "form.required" });
    const blank = await run(verifyForm.loader, get("/verify"));
    expect(blank.status).toBe(200);
  });
});

describe("revoking a certificate", () => {
  it("is refused to anyone but an administrator reaching the holder", async () => {
    const reason = { reason: "Cấp nhầm" };
    const path = `/certificates/${expiring.id}`;
    const params = { certificateId: String(expiring.id) };
    const manager = await cookieFor("manager");
    expect((await run(certificatePage.action, post(path, reason, { cookie: manager }), params)).status).toBe(403);
    const holder = await cookieFor("learner");
    expect((await run(certificatePage.action, post(path, reason, { cookie: holder }), params)).status).toBe(403);
    const managerView = await (await run(certificatePage.loader, get(path, manager), params)).json();
    expect(managerView.canRevoke).toBe(false);

    // An administrator of Bắc Ninh does not reach a learner of Điện Biên.
    const bacNinh = findUnitByCode("27")?.id as number;
    getDb()
      .insert(roleGrants)
      .values({ userId: userId("learner2"), role: "admin", orgUnitId: bacNinh })
      .onConflictDoNothing()
      .run();
    const bacNinhAdmin = await cookieFor("learner2");
    expect((await run(certificatePage.action, post(path, reason, { cookie: bacNinhAdmin }), params)).status).toBe(404);

    const row = getDb().select().from(certificates).where(eq(certificates.id, expiring.id)).get();
    expect(row?.revokedAt).toBeNull();
  });

  it("needs a reason of at most 500 characters", async () => {
    const admin = await cookieFor("admin");
    const path = `/certificates/${valid.id}`;
    const params = { certificateId: String(valid.id) };
    const missing = await run(certificatePage.action, post(path, { reason: "   " }, { cookie: admin }), params);
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual({ reason: "form.required" });
    const long = await run(certificatePage.action, post(path, { reason: "a".repeat(501) }, { cookie: admin }), params);
    expect((await long.json()).errors).toEqual({ reason: "certificates.error.reasonTooLong" });
  });

  it("by an administrator: recorded with reason and author, audited, and verification says revoked", async () => {
    const admin = await cookieFor("admin");
    const path = `/certificates/${valid.id}`;
    const params = { certificateId: String(valid.id) };
    const view = await (await run(certificatePage.loader, get(path, admin), params)).json();
    expect(view.canRevoke).toBe(true);

    const reason = "Cấp nhầm: người học chưa dự buổi thực hành.";
    const response = await run(certificatePage.action, post(path, { reason }, { cookie: admin }), params);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(path);

    const row = getDb().select().from(certificates).where(eq(certificates.id, valid.id)).get();
    expect(row).toMatchObject({ revokedReason: reason, revokedBy: userId("admin") });
    expect(row?.revokedAt).toBeInstanceOf(Date);

    const audit = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "certificate.revoke"), eq(auditLog.entityId, String(valid.id))))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: userId("admin"),
      entityType: "certificate",
      orgUnitId: findUnitByCode("09401")?.id,
      before: { code: valid.code, revokedAt: null, revokedReason: null, revokedBy: null },
      after: { code: valid.code, revokedReason: reason, revokedBy: userId("admin") },
    });

    const verified = await run(verifyCode.loader, get(`/verify/${valid.code}`), { code: valid.code });
    expect((await verified.json()).certificate).toMatchObject({ status: "revoked", revokedOn: today });
    expect(translator("vi")("certificates.status.revoked")).toBe("Đã thu hồi");

    const again = await run(certificatePage.action, post(path, { reason: "Lần nữa" }, { cookie: admin }), params);
    expect(again.status).toBe(409);
    expect((await again.json()).errors).toEqual({ _form: "certificates.error.alreadyRevoked" });
    expect(getDb().select().from(certificates).where(eq(certificates.id, valid.id)).get()?.revokedReason).toBe(reason);

    const holder = await cookieFor("learner");
    const { certificates: listed } = await (await run(certificateList.loader, get("/certificates", holder))).json();
    expect(listed[0]).toMatchObject({ id: valid.id, status: "revoked", revokedOn: today });
  });
});

describe("the verification rate limit", () => {
  const rule = RULES.verifyAddress;
  const lookup = (address: string | null) =>
    run(
      verifyCode.loader,
      get(`/verify/${expired.code}`),
      { code: expired.code },
      loadContext({ clientAddress: address }),
    );

  it("answers 429 in Vietnamese after 30 lookups in 10 minutes from one address, and not for anyone else", async () => {
    getDb().delete(rateLimits).run();
    for (let i = 0; i < rule.limit; i++) expect((await lookup("203.0.113.7")).status).toBe(200);
    const refused = await lookup("203.0.113.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = await refused.json();
    expect(body).toMatchObject({ outcome: "throttled", certificate: null });
    expect(translator("vi")("verify.throttled.body", { minutes: body.minutes })).toMatch(
      /^Có quá nhiều lượt tra cứu .* Vui lòng thử lại sau 1 phút\.$/,
    );
    // One client's exhausted limit is its own: other addresses, and visitors whose address
    // is unknown, still look codes up.
    expect((await lookup("203.0.113.8")).status).toBe(200);
    expect((await lookup(null)).status).toBe(200);
    getDb().delete(rateLimits).run();
  });

  it("counts an IPv6 client by its /64, so rotating addresses inside it does not help", async () => {
    getDb().delete(rateLimits).run();
    for (let i = 0; i < rule.limit; i++) expect((await lookup(`2001:db8:1:2::${i.toString(16)}`)).status).toBe(200);
    expect((await lookup("2001:db8:1:2:ffff::1")).status).toBe(429);
    expect((await lookup("2001:db8:1:3::1")).status).toBe(200);
    getDb().delete(rateLimits).run();
  });

  it("lets a client in again as its lookups age, does not count refusals, and keeps one row per client", () => {
    const db = getDb();
    db.delete(rateLimits).run();
    const now = Date.now();
    for (let i = 0; i < rule.limit; i++)
      expect(verifyCertificate(expired.code, "198.51.100.1", now).outcome).toBe("found");
    for (let i = 0; i < 50; i++) {
      expect(verifyCertificate(expired.code, "198.51.100.1", now + i * 100)).toMatchObject({ outcome: "throttled" });
    }
    // One lookup's share of the window later (10 min / 30 = 20 s) there is room for one more.
    const step = rule.windowMs / rule.limit;
    expect(verifyCertificate(expired.code, "198.51.100.1", now + step).outcome).toBe("found");
    expect(verifyCertificate(expired.code, "198.51.100.1", now + step)).toMatchObject({ outcome: "throttled" });
    expect(db.select().from(rateLimits).all()).toHaveLength(1);
    // Rows with nothing left to count are pruned as others are written.
    expect(verifyCertificate(expired.code, "198.51.100.2", now + rule.windowMs * 2).outcome).toBe("found");
    expect(db.select({ key: rateLimits.key }).from(rateLimits).all()).toEqual([{ key: "verify:addr:198.51.100.2" }]);
    db.delete(rateLimits).run();
  });
});
