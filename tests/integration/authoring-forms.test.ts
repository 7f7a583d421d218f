import { describe, expect, it } from "vitest";
import { findCourseRow } from "~/models/authoring.server";
import * as authorIndex from "~/routes/author._index";
import * as authorCourse from "~/routes/author.$slug._index";
import { createCourse } from "~/services/authoring.server";
import { getDb } from "~/utils/db.server";
import { cookieFor, formErrorsOf, get, post, run } from "../setup/requests";
import { viewerFor } from "../setup/training";

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

describe("publishing asks first, saying who will see the new version", () => {
  it("answers a publish without confirmation with the confirmation step, counting the audience now", async () => {
    const trainer = await cookieFor("trainer");
    const slug = "xac-nhan-xuat-ban";
    expect(createCourse(viewerFor("trainer"), { slug, title: "Xác nhận xuất bản", ownerUnitCode: "11" }).ok).toBe(true);
    const unconfirmed = await run(
      authorCourse.action,
      post(`/author/${slug}`, { intent: "publish" }, { cookie: trainer }),
      {
        slug,
      },
    );
    expect(unconfirmed.status).toBe(302);
    expect(unconfirmed.headers.get("Location")).toBe(`/author/${slug}?publish=confirm#publish`);
    expect(findCourseRow(slug)).toBeUndefined();

    const plain = await (await run(authorCourse.loader, get(`/author/${slug}`, trainer), { slug })).json();
    expect(plain.audience).toBeNull();
    const asked = await (
      await run(authorCourse.loader, get(`/author/${slug}?publish=confirm`, trainer), { slug })
    ).json();
    const dienBien = getDb()
      .$client.prepare(
        `select count(distinct p.user_id) as n from placements p join org_units u on u.id = p.org_unit_id
         where p.end_date is null and u.path like (select path from org_units where code = '11') || '%'`,
      )
      .get() as { n: number };
    expect(dienBien.n).toBeGreaterThan(0);
    expect(asked.audience).toEqual({
      ownerUnitName: "Tỉnh Điện Biên",
      tiers: [],
      positions: [],
      people: dienBien.n,
      assignments: 0,
    });
  }, 90_000);

  it("shows no audience of a course to someone who may not write it", async () => {
    const learner = await cookieFor("learner");
    const slug = "can-bo-cap-xa";
    expect((await run(authorCourse.loader, get(`/author/${slug}?publish=confirm`, learner), { slug })).status).toBe(
      404,
    );
    const refused = await run(
      authorCourse.action,
      post(`/author/${slug}`, { intent: "publish", confirm: "yes" }, { cookie: learner }),
      { slug },
    );
    expect(refused.status).toBe(404);
  });
});
