/**
 * The main screens of each role: checked for accessibility by tests/e2e/accessibility.test.ts
 * and photographed by `npm run screenshots`. Paths that need an id are found in the seeded
 * database the server runs on.
 */
import type Database from "better-sqlite3";

export type Role = "visitor" | "learner" | "trainer" | "manager" | "admin";

export interface CorePage {
  role: Role;
  name: string;
  path: string;
}

/** The demo accounts that sign in for each role (db/seed.ts), none for a visitor. */
export const ROLE_ACCOUNTS: Record<Role, string | null> = {
  visitor: null,
  learner: "learner",
  trainer: "trainer",
  manager: "manager",
  admin: "admin",
};

export function corePages(db: Database.Database): CorePage[] {
  const one = <T>(sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...params) as T | undefined;
  const province = one<number>("select id from org_units where code = ?", "11");
  const certificate = one<string>("select code from certificates where revoked_at is null order by id limit 1");
  const lesson = one<string>(
    `select l.lesson_key from course_lessons l join courses c on c.current_version_id = l.course_version_id
     where c.slug = 'can-bo-cap-xa' order by l.position limit 1`,
  );
  const pages: CorePage[] = [
    { role: "visitor", name: "dang-nhap", path: "/login" },
    { role: "visitor", name: "tra-cuu", path: "/verify" },
    { role: "visitor", name: "quyen-rieng-tu", path: "/privacy" },
    { role: "learner", name: "viec-hoc-cua-toi", path: "/" },
    { role: "learner", name: "khoa-hoc", path: "/courses/can-bo-cap-xa" },
    { role: "learner", name: "bai-hoc", path: `/courses/can-bo-cap-xa/${lesson ?? "vai-tro-nhiem-vu"}` },
    { role: "learner", name: "chung-nhan", path: "/certificates" },
    { role: "learner", name: "doi-mat-khau", path: "/change-password" },
    { role: "learner", name: "du-lieu-cua-toi", path: "/my-data" },
    { role: "trainer", name: "soan-khoa-hoc", path: "/author" },
    { role: "trainer", name: "tap-huan-truc-tiep", path: "/events" },
    { role: "trainer", name: "tao-buoi-tap-huan", path: "/events/new" },
    { role: "manager", name: "bao-cao", path: "/reports" },
    { role: "manager", name: "giao-khoa-hoc", path: "/assignments/new" },
    { role: "manager", name: "danh-sach-giao", path: "/assignments" },
    { role: "manager", name: "nhap-danh-sach", path: "/roster" },
    { role: "manager", name: "don-vi", path: "/units" },
    { role: "manager", name: "de-nghi-sua-du-lieu", path: "/corrections" },
    { role: "admin", name: "nguoi-dung", path: "/users" },
    { role: "admin", name: "tao-nguoi-dung", path: "/users/new" },
    { role: "admin", name: "nhat-ky", path: "/audit" },
    { role: "admin", name: "sap-xep-don-vi", path: "/units/reforms" },
    { role: "admin", name: "thong-bao-du-lieu", path: "/privacy/notice" },
    { role: "admin", name: "sao-luu", path: "/admin/backups" },
  ];
  if (certificate)
    pages.push({ role: "visitor", name: "ket-qua-tra-cuu", path: `/verify/${encodeURIComponent(certificate)}` });
  if (province) {
    pages.push(
      { role: "manager", name: "bao-cao-tinh", path: `/reports/${province}` },
      { role: "manager", name: "danh-sach-nguoi", path: `/reports/${province}/people` },
    );
  }
  return pages;
}
