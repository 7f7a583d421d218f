import { describe, expect, it } from "vitest";
import { z } from "zod";
import { field, optional, parseForm } from "./form";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
};

describe("parseForm", () => {
  const schema = z.object({ fullName: field.name, phone: optional(field.phone), code: field.code });

  it("cleans and normalises valid input", () => {
    const result = parseForm(
      schema,
      form({ fullName: "  Lò  Thị Hoa ".normalize("NFD"), phone: "+84 912 345 678", code: " 11 " }),
    );
    expect(result).toEqual({ ok: true, data: { fullName: "Lò Thị Hoa", phone: "0912345678", code: "11" } });
  });

  it("reports each bad field with a catalogue key", () => {
    const result = parseForm(schema, form({ fullName: "   ", phone: "12ab", code: "a b" }));
    expect(result).toEqual({
      ok: false,
      errors: { fullName: "form.required", phone: "form.invalidPhone", code: "form.invalid" },
    });
  });

  it("treats missing fields as required, not as a crash", () => {
    expect(parseForm(schema, new FormData())).toEqual({
      ok: false,
      errors: { fullName: "form.required", code: "form.required" },
    });
  });

  it("rejects impossible dates", () => {
    const dates = z.object({ d: field.date });
    expect(parseForm(dates, form({ d: "2025-02-30" })).ok).toBe(false);
    expect(parseForm(dates, form({ d: "2025-07-01" })).ok).toBe(true);
  });

  it("lowercases usernames and refuses odd characters", () => {
    const users = z.object({ u: field.username });
    expect(parseForm(users, form({ u: " Hoa.Lo " }))).toEqual({ ok: true, data: { u: "hoa.lo" } });
    expect(parseForm(users, form({ u: "hoà" })).ok).toBe(false);
  });
});
