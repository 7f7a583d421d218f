import { describe, expect, it } from "vitest";
import {
  type BackupSchedule,
  backupFileName,
  backupHealth,
  backupMaxAgeMs,
  backupsToKeep,
  backupTime,
  manifestNameFor,
  nextBackupAt,
  parseSchedule,
} from "./backups";

describe("backup names", () => {
  it("round-trip through the time they were taken", () => {
    const at = new Date("2026-12-02T19:30:05.123Z");
    const name = backupFileName(at);
    expect(name).toBe("lms-20261202T193005Z.db.gz");
    expect(backupTime(name)?.toISOString()).toBe("2026-12-02T19:30:05.000Z");
    expect(manifestNameFor(name)).toBe("lms-20261202T193005Z.json");
  });

  it("other files are not backups", () => {
    for (const name of [
      "app.db",
      "lms-20261302T193005Z.db.gz",
      "lms-20261202T193005Z.db",
      "x-lms-20261202T193005Z.db.gz",
    ])
      expect(backupTime(name)).toBeNull();
  });
});

/** One backup a day at 02:30 Vietnam time (19:30 UTC the day before), for `days` days up to `last`. */
function nightly(last: string, days: number): string[] {
  const end = new Date(last).getTime();
  return Array.from({ length: days }, (_, i) => backupFileName(new Date(end - i * 86_400_000)));
}

describe("retention", () => {
  it("keeps 7 daily, 4 weekly and 12 monthly backups of a year of nightly ones", () => {
    const names = nightly("2026-12-01T19:30:00Z", 400);
    const keep = backupsToKeep(names);
    const kept = [...keep].sort().reverse();
    // The last 7 days...
    expect(kept.slice(0, 7)).toEqual(names.slice(0, 7));
    // ...then one per week (Sundays: the newest of each Monday-based week) and one per month.
    expect(keep.size).toBeLessThanOrEqual(7 + 4 + 12);
    expect(keep.size).toBeGreaterThanOrEqual(7 + 11);
    // The oldest kept is the newest of January 2026 (31 January, 02:30 in Vietnam).
    expect(kept.at(-1)).toBe("lms-20260130T193000Z.db.gz");
  });

  it("keeps the newest of a day when there are several, in Vietnam days", () => {
    // 16:59 and 17:01 UTC fall on two different days in Vietnam (23:59 and 00:01).
    const names = ["lms-20261201T165900Z.db.gz", "lms-20261201T170100Z.db.gz", "lms-20261201T100000Z.db.gz"];
    const keep = backupsToKeep(names, { daily: 7, weekly: 0, monthly: 0 });
    expect([...keep].sort()).toEqual(["lms-20261201T165900Z.db.gz", "lms-20261201T170100Z.db.gz"]);
  });

  it("always keeps the newest and never returns other files", () => {
    const keep = backupsToKeep(["notes.txt", "lms-20261201T170100Z.db.gz"], { daily: 0, weekly: 0, monthly: 0 });
    expect([...keep]).toEqual(["lms-20261201T170100Z.db.gz"]);
    expect(backupsToKeep([]).size).toBe(0);
  });
});

describe("schedule", () => {
  it("parses times of day, intervals and off, and refuses the rest", () => {
    expect(parseSchedule("02:30")).toEqual({ kind: "daily", minuteOfDay: 150 });
    expect(parseSchedule("every 6h")).toEqual({ kind: "every", ms: 6 * 3600_000 });
    expect(parseSchedule("every 15m")).toEqual({ kind: "every", ms: 15 * 60_000 });
    expect(parseSchedule("off")).toEqual({ kind: "off" });
    for (const bad of ["24:00", "2:60", "every 0m", "nightly", "rm -rf /", ""]) expect(parseSchedule(bad)).toBeNull();
  });

  it("the next daily run is today's time in Vietnam if still ahead, else tomorrow's", () => {
    const daily = parseSchedule("02:30") as BackupSchedule;
    // 19:00 UTC = 02:00 in Vietnam: the run at 02:30 Vietnam is 30 minutes away.
    expect(nextBackupAt(daily, new Date("2026-12-01T19:00:00Z"))?.toISOString()).toBe("2026-12-01T19:30:00.000Z");
    expect(nextBackupAt(daily, new Date("2026-12-01T19:30:00Z"))?.toISOString()).toBe("2026-12-02T19:30:00.000Z");
    expect(
      nextBackupAt(parseSchedule("every 2h") as BackupSchedule, new Date("2026-12-01T19:00:00Z"))?.toISOString(),
    ).toBe("2026-12-01T21:00:00.000Z");
    expect(nextBackupAt({ kind: "off" }, new Date())).toBeNull();
    expect(backupMaxAgeMs(daily)).toBe(25 * 3600_000);
    expect(backupMaxAgeMs({ kind: "off" })).toBeNull();
  });
});

describe("backup health", () => {
  const daily = { kind: "daily", minuteOfDay: 150 } as const;
  const now = new Date("2026-12-02T10:00:00Z");
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
  const ran = { ok: true, uploadOk: null };

  it("is ok while the last backup is younger than the schedule's interval and an hour", () => {
    expect(backupHealth(daily, hoursAgo(24), ran, now)).toBe("ok");
    expect(backupHealth(daily, hoursAgo(26), ran, now)).toBe("stale");
    expect(backupHealth(daily, null, null, now)).toBe("missing");
  });

  it("reports a failed run and a failed off-site copy", () => {
    expect(backupHealth(daily, hoursAgo(1), { ok: false, uploadOk: null }, now)).toBe("failed");
    expect(backupHealth(daily, hoursAgo(1), { ok: true, uploadOk: false }, now)).toBe("upload-failed");
    expect(backupHealth(daily, hoursAgo(1), { ok: true, uploadOk: true }, now)).toBe("ok");
  });

  it("without a schedule, says so unless backups are taken by hand", () => {
    expect(backupHealth({ kind: "off" }, null, null, now)).toBe("off");
    expect(backupHealth({ kind: "off" }, hoursAgo(100), ran, now)).toBe("ok");
  });
});
