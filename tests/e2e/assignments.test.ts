import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, fitsWidth, launchBrowser, menuLink, newPage, PHONE, signIn } from "./browser";

describe.runIf(browserAvailable())("a manager assigns a course", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("to the commune officers of the province, on a phone; a learner there sees it with the due date, one elsewhere does not", async () => {
    const manager = await newPage(browser, PHONE);
    await signIn(manager, "manager");
    expect(await (await menuLink(manager, "Giao khóa học")).count()).toBe(1);
    await manager.goto("/assignments/new");
    await manager
      .getByLabel("Khóa học", { exact: true })
      .selectOption({ label: "Bảo vệ trẻ em ở cấp xã: nhiệm vụ và quy trình hỗ trợ, can thiệp" });
    await manager.getByLabel("Giao cho đơn vị (mã)").fill("11");
    await manager.getByLabel("Người làm công tác bảo vệ trẻ em cấp xã").check();
    await manager.getByLabel("Hạn hoàn thành").fill("2099-12-31");
    expect(await fitsWidth(manager)).toBe(true);
    await manager.getByRole("button", { name: "Giao khóa học" }).click();
    await manager.getByText("Đã giao khóa học.").waitFor();
    await manager.getByText("Hạn hoàn thành: 31/12/2099").waitFor();
    await manager.context().close();

    const learner = await newPage(browser, PHONE);
    await signIn(learner, "learner");
    await learner.getByText("Hạn hoàn thành: 31/12/2099").waitFor();
    await learner.context().close();

    const elsewhere = await newPage(browser, PHONE);
    await signIn(elsewhere, "learner2");
    expect(await elsewhere.getByText("Hạn hoàn thành: 31/12/2099").count()).toBe(0);
    expect((await elsewhere.goto("/assignments"))?.status()).toBe(403);
    await elsewhere.context().close();
  });
});
