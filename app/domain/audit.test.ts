import { describe, expect, it } from "vitest";
import { type AuditNames, type AuditRecord, auditChanges, auditSentence, collectReferences } from "./audit";

const names: AuditNames = {
  person: (id) => ({ u1: "Trần Thị B" })[id],
  unitById: (id) => ({ 7: "Xã X", 8: "Xã Y" })[id],
  unitByCode: (code) => ({ X01: "Xã X" })[code],
  position: (code) => ({ commune_officer: "Cán bộ xã" })[code],
  course: () => undefined,
  event: () => undefined,
  role: (code) => ({ manager: "Quản lý" })[code],
  unitStatus: (code) => ({ merged: "Đã sáp nhập", active: "Đang hoạt động" })[code],
  date: (iso) => iso.split("-").reverse().join("/"),
  dateTime: (iso) => iso,
  number: (n) => String(n),
  yesNo: (v) => (v ? "Có" : "Không"),
  portion: (v) => v ?? "không",
  hidden: "(ẩn)",
  unknown: "(không rõ)",
};

const record = (r: Partial<AuditRecord>): AuditRecord => ({
  action: "user.update",
  entityType: "user",
  entityId: "u1",
  subjectUserId: "u1",
  actorName: "Nguyễn Văn A",
  unitName: null,
  before: null,
  after: null,
  ...r,
});

describe("audit entries in words", () => {
  it("names the people, units and positions an entry refers to", () => {
    const placed = record({
      action: "placement.start",
      entityType: "placement",
      entityId: "5",
      after: { userId: "u1", unit: "X01", position: "commune_officer", startDate: "2026-02-01" },
    });
    const { params } = auditSentence(placed, names);
    expect(params).toMatchObject({ actor: "Nguyễn Văn A", person: "Trần Thị B", unit: "Xã X", position: "Cán bộ xã" });
    const refs = collectReferences([placed]);
    expect([...refs.userIds]).toEqual(["u1"]);
    expect([...refs.unitCodes]).toEqual(["X01"]);
    expect([...refs.positionCodes]).toEqual(["commune_officer"]);
  });

  it("lists only the changed fields a person can read, contact data withheld", () => {
    const changes = auditChanges(
      {
        before: { fullName: "Trần Thị B", phone: "0912345678", email: null },
        after: { fullName: "Trần Thị Bích", phone: "0987654321", email: null, sourceHash: "abc" },
      },
      names,
    );
    expect(changes).toEqual([
      { field: "fullName", before: "Trần Thị B", after: "Trần Thị Bích" },
      { field: "phone", before: "(ẩn)", after: "(ẩn)" },
    ]);
  });

  it("reads ids and codes as names and dates as dates", () => {
    const changes = auditChanges(
      {
        before: { status: "active", parentId: 8 },
        after: { status: "merged", mergedIntoId: 7, validTo: "2025-07-01" },
      },
      names,
    );
    expect(changes).toEqual([
      { field: "parentId", before: "Xã Y", after: "—" },
      { field: "status", before: "Đang hoạt động", after: "Đã sáp nhập" },
      { field: "mergedIntoId", before: "—", after: "Xã X" },
      { field: "validTo", before: "—", after: "01/07/2025" },
    ]);
  });
});
