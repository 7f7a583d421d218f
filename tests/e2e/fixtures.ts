/** Data the browser tests set up straight in the server's database, when the UI is not what they test. */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { certificateCodeFrom, expiryDate } from "~/domain/certificate";
import { todayInVietnam } from "~/i18n";
import { hashPassword } from "~/utils/password.server";
import { certificates, courseCompletions, courses, courseVersions, orgUnits, users } from "../../db/schema";
import { withDatabase } from "./browser";

/** Gives a seeded account a known password; `mustChange` makes it an initial one. */
export async function givePassword(username: string, password: string, mustChange = false): Promise<void> {
  const passwordHash = await hashPassword(password);
  withDatabase((db) => {
    const changed = db
      .update(users)
      .set({ passwordHash, mustChangePassword: mustChange })
      .where(eq(users.username, username))
      .run().changes;
    if (changed !== 1) throw new Error(`no user ${username}`);
  });
}

/** Issues a certificate (with its completion) as if the person had completed the course on `issuedOn`. */
export function issueCertificate(input: { username: string; slug: string; unitCode: string; issuedOn?: string }): {
  code: string;
  courseTitle: string;
  expiresOn: string;
} {
  return withDatabase((db) => {
    const holder = db.select().from(users).where(eq(users.username, input.username)).get();
    const course = db.select().from(courses).where(eq(courses.slug, input.slug)).get();
    const version = course?.currentVersionId
      ? db.select().from(courseVersions).where(eq(courseVersions.id, course.currentVersionId)).get()
      : undefined;
    const unit = db.select().from(orgUnits).where(eq(orgUnits.code, input.unitCode)).get();
    if (!holder || !course || !version || !unit) throw new Error("demo data missing");
    const issuedOn = input.issuedOn ?? todayInVietnam();
    return db.transaction((tx) => {
      const completion = tx
        .insert(courseCompletions)
        .values({ userId: holder.id, courseId: course.id, courseVersionId: version.id, completedAt: new Date() })
        .returning()
        .get();
      const certificate = tx
        .insert(certificates)
        .values({
          code: certificateCodeFrom(crypto.randomBytes(8)),
          userId: holder.id,
          courseId: course.id,
          courseVersionId: version.id,
          completionId: completion.id,
          courseTitle: version.title,
          courseVersionNumber: version.number,
          holderName: holder.fullName,
          positionName: "Công chức phụ trách bảo vệ trẻ em cấp xã",
          unitName: unit.name,
          unitId: unit.id,
          issuedOn,
          expiresOn: expiryDate(issuedOn, 24),
        })
        .returning()
        .get();
      return { code: certificate.code, courseTitle: certificate.courseTitle, expiresOn: certificate.expiresOn };
    });
  });
}
