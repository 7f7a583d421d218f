import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, clickMenuLink, fitsWidth, launchBrowser, menuLink, newPage, PHONE, signIn } from "./browser";

describe.runIf(browserAvailable())("each demo account in a real browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("learner: sees My training with name and unit, no management menu, and 403 on management pages", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, "learner");
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    await page.getByRole("heading", { name: "Việc học của tôi", level: 1 }).waitFor();
    expect(await page.getByTestId("viewer").innerText()).toContain("Lường Văn Tâm · Phường Him Lam");
    expect(await page.getByRole("link", { name: "Đơn vị" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Người dùng" }).count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);

    const units = await page.goto("/units");
    expect(units?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Không có quyền truy cập");
    expect(await page.content()).not.toMatch(/at .*\.js:\d+/);
    expect((await page.goto("/users"))?.status()).toBe(403);
    await page.context().close();
  });

  it("learner2: sees their own province's unit and nothing of the other province", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, "learner2");
    expect(await page.getByTestId("viewer").innerText()).toContain("Nguyễn Thị Lan · Phường Kinh Bắc");
    expect((await page.goto("/units"))?.status()).toBe(403);
    await page.context().close();
  });

  it("trainer: signs in to My training without management menus, and reaches the courses they look after and their results", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, "trainer");
    expect(await page.getByTestId("viewer").innerText()).toContain("Lò Văn Thắng");
    expect(await page.getByRole("link", { name: "Đơn vị" }).count()).toBe(0);
    await page.getByRole("heading", { name: "Khóa học bạn phụ trách" }).waitFor();
    await page.getByRole("link", { name: "Xem kết quả kiểm tra của học viên" }).first().click();
    await page.getByRole("heading", { name: "Kết quả kiểm tra của học viên", level: 1 }).waitFor();
    await page.context().close();
  });

  it("manager: browses Điện Biên down to a commune, finds units without diacritics, and gets 404 on Bắc Ninh", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, "manager");
    await clickMenuLink(page, "Đơn vị");
    await page.getByRole("link", { name: "Tỉnh Điện Biên" }).click();
    await page.getByRole("link", { name: "Thành phố Điện Biên Phủ" }).click();
    await page.getByRole("link", { name: "Phường Him Lam" }).click();
    await page.getByRole("cell", { name: "Lường Văn Tâm" }).waitFor();
    expect(await page.getByText("Thao tác quản trị").count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);

    await page.goto("/units");
    await page.getByLabel("Tìm đơn vị").fill("muong ang");
    await page.getByRole("button", { name: "Tìm" }).click();
    await page.getByRole("link", { name: "Huyện Mường Ảng" }).waitFor();

    await page.getByLabel("Tìm đơn vị").fill("kinh bac");
    await page.getByRole("button", { name: "Tìm" }).click();
    await page.getByText("Không tìm thấy đơn vị nào.").waitFor();

    const bacNinhId = await idOfUnit(browser, "2701");
    const response = await page.goto(`/units/${bacNinhId}`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Không tìm thấy trang");
    expect(await page.content()).not.toContain("Kinh Bắc");
    await page.context().close();
  });

  it("admin: sees every menu, creates an account whose owner must change the password, and the change is audited", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin");
    for (const name of ["Việc học của tôi", "Đơn vị", "Người dùng", "Nhật ký thay đổi"]) {
      expect(await (await menuLink(page, name)).count(), name).toBe(1);
    }
    await page.goto("/users/new");
    await page.getByLabel("Họ và tên").fill("Vàng Thị Dợ");
    await page.getByLabel("Tên đăng nhập").fill("vang.thi.do");
    await page.getByLabel("Số điện thoại").fill("0915 222 333");
    await page.getByLabel("Mã đơn vị").fill("10202");
    await page.getByLabel("Chức danh").selectOption({ label: "Cộng tác viên thôn, bản" });
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    const message = await page.getByTestId("initial-password").innerText();
    const password = message.split(": ").at(-1)?.trim() as string;
    expect(password).toMatch(/^[a-z2-9]{10}$/);

    await page.goto("/audit");
    // Who did what to whom, in words: no action codes, no phone number.
    await page.getByText("Trần Thị Minh Hằng đã tạo tài khoản cho Vàng Thị Dợ (Xã Ẳng Nưa).").waitFor();
    expect(await page.content()).not.toContain("user.create");
    expect(await page.content()).not.toContain("0915222333");

    const newcomer = await newPage(browser, PHONE);
    await signIn(newcomer, "vang.thi.do", password);
    expect(new URL(newcomer.url()).pathname).toBe("/change-password");
    // The paper password was typed to sign in; the first change does not ask for it again (issue 14.12).
    expect(await newcomer.getByLabel("Mật khẩu hiện tại").count()).toBe(0);
    await newcomer.getByLabel("Mật khẩu mới", { exact: true }).fill("ban-na-nhan-2026");
    await newcomer.getByLabel("Nhập lại mật khẩu mới").fill("ban-na-nhan-2026");
    await newcomer.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
    await newcomer.getByText("Đã đổi mật khẩu.").waitFor();
    // A new account then reads the privacy notice before anything else (issue 17).
    expect(new URL(newcomer.url()).pathname).toBe("/privacy/acknowledge");
    expect(await newcomer.getByTestId("viewer").innerText()).toContain("Vàng Thị Dợ · Xã Ẳng Nưa");
    await newcomer.context().close();
    await page.context().close();
  });

  it("works without JavaScript: sign in, switch to English, see a styled 404", async () => {
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(page, "learner");
    await page.getByRole("heading", { name: "Việc học của tôi" }).waitFor();
    await page.getByRole("button", { name: /English/ }).click();
    await page.getByRole("heading", { name: "My training", level: 1 }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Page not found");
    await page.getByRole("button", { name: /Tiếng Việt/ }).click();
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await page.context().close();
  });

  it("refuses a wrong password with a clear Vietnamese message", async () => {
    const page = await newPage(browser, PHONE);
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill("learner");
    await page.getByLabel("Mật khẩu").fill("sai-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByText("Tên đăng nhập hoặc mật khẩu không đúng.").waitFor();
    await page.context().close();
  });
});

/** A unit's id as the national administrator finds it by its code. */
async function idOfUnit(browser: Browser, code: string): Promise<string> {
  const page = await newPage(browser);
  await signIn(page, "admin");
  await page.goto(`/units?q=${code}`);
  const href = await page.locator("main ul a").first().getAttribute("href");
  await page.context().close();
  return href?.split("/").at(-1) as string;
}
