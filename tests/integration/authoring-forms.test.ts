import { describe, expect, it } from "vitest";
import * as authorIndex from "~/routes/author._index";
import { cookieFor, formErrorsOf, get, post, run } from "../setup/requests";

describe("a new course's address comes from its title", () => {
  it("is proposed from the Vietnamese title and shown before anything is created", async () => {
    const trainer = await cookieFor("trainer");
    const response = await run(
      authorIndex.action,
      post(
        "/author",
        { title: "Bảo vệ trẻ em ở cấp xã: nhiệm vụ", slug: "", ownerUnitCode: "11" },
        { cookie: trainer },
      ),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.suggested).toBe("bao-ve-tre-em-o-cap-xa-nhiem-vu");
    // What was typed comes back, with the proposed address in its field.
    expect(body.result.initialValue).toMatchObject({
      title: "Bảo vệ trẻ em ở cấp xã: nhiệm vụ",
      slug: "bao-ve-tre-em-o-cap-xa-nhiem-vu",
    });
    const list = await (await run(authorIndex.loader, get("/author", trainer))).json();
    expect(list.takenSlugs).not.toContain("bao-ve-tre-em-o-cap-xa-nhiem-vu");
  });

  it("gets -2 when the title's address is taken, and a taken address is refused beside its field", async () => {
    const trainer = await cookieFor("trainer");
    const list = await (await run(authorIndex.loader, get("/author", trainer))).json();
    expect(list.takenSlugs).toContain("can-bo-cap-xa");
    const created = await run(
      authorIndex.action,
      post("/author", { title: "Cán bộ cấp xã", slug: "", ownerUnitCode: "11" }, { cookie: trainer }),
    );
    expect((await created.json()).suggested).toBe("can-bo-cap-xa-2");

    const refused = await run(
      authorIndex.action,
      post("/author", { title: "Cán bộ cấp xã", slug: "can-bo-cap-xa", ownerUnitCode: "11" }, { cookie: trainer }),
    );
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(formErrorsOf(body)).toEqual({ slug: "authoring.error.slugTaken" });
    expect(body.result.initialValue).toMatchObject({ title: "Cán bộ cấp xã", slug: "can-bo-cap-xa" });

    const made = await run(
      authorIndex.action,
      post("/author", { title: "Cán bộ cấp xã", slug: "can-bo-cap-xa-2", ownerUnitCode: "11" }, { cookie: trainer }),
    );
    expect(made.status).toBe(302);
    expect(made.headers.get("Location")).toBe("/author/can-bo-cap-xa-2");
  });

  it("refuses a badly written address with the reason, keeping the title", async () => {
    const trainer = await cookieFor("trainer");
    const response = await run(
      authorIndex.action,
      post("/author", { title: "Khóa mới", slug: "Khóa Mới!", ownerUnitCode: "11" }, { cookie: trainer }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(formErrorsOf(body)).toEqual({ slug: "authoring.error.slug" });
    expect(body.result.initialValue.title).toBe("Khóa mới");
  });
});
