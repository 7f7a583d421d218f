import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, clickMenuLink, launchBrowser, newPage, PHONE, signIn } from "./browser";

const SLUG = "ky-nang-tham-van-e2e";
const TITLE = "Kỹ năng tham vấn trẻ em";
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4c10000000049454e44ae426082",
  "hex",
);
const LESSON = [
  "## Khi trẻ im lặng",
  "",
  '<CaseStudy title="Em M. không muốn nói">',
  "<Situation>Em M., 10 tuổi, im lặng khi được hỏi về vết bầm.</Situation>",
  "<Questions>1. Anh/chị bắt đầu cuộc trò chuyện thế nào?</Questions>",
  "<Discussion>Bắt đầu bằng lắng nghe, không hỏi dồn.</Discussion>",
  "</CaseStudy>",
  "",
  '<Figure src="so-do.png" alt="Sơ đồ ba bước lắng nghe" />',
  "",
];

describe.runIf(browserAvailable())("a trainer writes and publishes a lesson in the browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("with a case study and a figure; a forbidden construct is shown with its line; the learner sees the published lesson", async () => {
    const trainer = await newPage(browser, { viewport: { width: 1100, height: 900 } });
    await signIn(trainer, "trainer");
    await clickMenuLink(trainer, "Soạn khóa học");
    await trainer.getByLabel("Tên khóa học").fill(TITLE);
    await trainer.getByLabel("Địa chỉ khóa học").fill(SLUG);
    await trainer.getByLabel("Đơn vị quản lý").selectOption({ label: "Tỉnh Điện Biên" });
    await trainer.getByRole("button", { name: "Tạo khóa học" }).click();
    await trainer.getByRole("heading", { level: 1, name: TITLE }).waitFor();

    // Who it is for, and a one-question quiz.
    await trainer.getByRole("link", { name: "Thông tin và cài đặt khóa học" }).click();
    await trainer.getByLabel("Xã/Phường/Đặc khu").check();
    await trainer.getByLabel("Người làm công tác bảo vệ trẻ em cấp xã").check();
    await trainer.getByLabel("Số câu mỗi lần kiểm tra").fill("1");
    await trainer.getByRole("button", { name: "Lưu cài đặt" }).click();
    await trainer.getByText("Đã lưu cài đặt.").waitFor();

    await trainer.getByRole("link", { name: /Ngân hàng câu hỏi/ }).click();
    await trainer.getByLabel("Mã câu hỏi").fill("lang-nghe");
    await trainer.getByLabel("Câu hỏi", { exact: true }).fill("Khi trẻ im lặng, việc đầu tiên nên làm là gì?");
    await trainer.getByLabel("Lựa chọn 1", { exact: true }).fill("Lắng nghe, tạo cảm giác an toàn");
    await trainer.getByLabel("Lựa chọn 2", { exact: true }).fill("Hỏi dồn để trẻ nói nhanh");
    // Saved with no right answer ticked: refused, with the reason.
    await trainer.getByLabel("Giải thích (hiện sau khi nộp bài)").fill("Trẻ cần thấy an toàn trước khi kể.");
    await trainer.getByRole("button", { name: "Lưu câu hỏi" }).click();
    await trainer
      .getByTestId("question-problems")
      .getByText(/đúng 1 đáp án đúng/)
      .waitFor();
    await trainer.getByLabel("Đúng: Lựa chọn 1").check();
    await trainer.getByRole("button", { name: "Lưu câu hỏi" }).click();
    await trainer.getByText("Đã lưu câu hỏi.").waitFor();

    await trainer.getByRole("link", { name: new RegExp(`Về khóa học ${TITLE}`) }).click();
    await trainer.getByRole("link", { name: "Thư viện hình" }).click();
    await trainer.getByLabel(/Tệp hình/).setInputFiles({ name: "Sơ đồ.png", mimeType: "image/png", buffer: PNG });
    await trainer.getByLabel(/Mô tả hình/).fill("Sơ đồ ba bước lắng nghe");
    await trainer.getByRole("button", { name: "Tải hình lên" }).click();
    await trainer.getByText("Đã tải hình lên.").waitFor();
    await trainer.getByText('<Figure src="so-do.png" alt="Sơ đồ ba bước lắng nghe" />').waitFor();

    await trainer.getByRole("link", { name: new RegExp(`Về khóa học ${TITLE}`) }).click();
    await trainer.getByLabel("Tên bài").fill("Tình huống: trẻ im lặng");
    await trainer.getByLabel("Mã bài (không đổi về sau)").fill("tinh-huong");
    await trainer.getByRole("button", { name: "Thêm bài học" }).click();
    await trainer.locator(".cm-editor").waitFor();

    // A forbidden construct: the preview says which line, as the trainer types.
    await trainer.locator(".cm-content").click();
    await trainer.keyboard.insertText([...LESSON, "<script>alert(1)</script>", ""].join("\n"));
    await trainer.getByTestId("preview-problems").getByText("Dòng 11, cột 1").waitFor();
    expect(await trainer.getByTestId("preview-problems").innerText()).toContain("<script>");

    await trainer.locator(".cm-content").click();
    await trainer.keyboard.press("Control+A");
    await trainer.keyboard.press("Delete");
    await trainer.keyboard.insertText(LESSON.join("\n"));
    await trainer.getByTestId("lesson-preview").getByText("Em M. không muốn nói").waitFor();
    expect(await trainer.getByTestId("lesson-preview").locator("img").getAttribute("alt")).toBe(
      "Sơ đồ ba bước lắng nghe",
    );
    await trainer
      .getByTestId("save-status")
      .getByText(/Đã lưu lúc/)
      .waitFor();

    await trainer.getByRole("link", { name: new RegExp(`Về khóa học ${TITLE}`) }).click();
    await trainer.getByText("Không có lỗi: có thể xuất bản.").waitFor();
    await trainer.getByRole("button", { name: "Xuất bản phiên bản mới" }).click();
    await trainer.getByTestId("publish-confirm").getByText("Đơn vị: Tỉnh Điện Biên").waitFor();
    await trainer.getByRole("button", { name: "Xác nhận xuất bản" }).click();
    await trainer.getByText("Đã xuất bản phiên bản mới; người học thấy ngay.").waitFor();
    await trainer.context().close();

    // The commune officer of Điện Biên sees the new course and its lesson, on a phone.
    const learner = await newPage(browser, PHONE);
    await signIn(learner, "learner");
    await learner.getByRole("link", { name: TITLE }).first().waitFor();
    await learner.goto(`/courses/${SLUG}/tinh-huong`);
    await learner.getByRole("heading", { level: 1, name: "Tình huống: trẻ im lặng" }).waitFor();
    await learner.getByText("Em M. không muốn nói").waitFor();
    const figure = learner.locator("figure img");
    expect(await figure.getAttribute("alt")).toBe("Sơ đồ ba bước lắng nghe");
    expect(await figure.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    // No authoring page opens for a learner.
    expect((await learner.goto("/author"))?.status()).toBe(403);
    expect((await learner.goto(`/author/${SLUG}`))?.status()).toBe(404);
    expect((await learner.goto(`/author/${SLUG}/lessons/tinh-huong`))?.status()).toBe(404);
    const preview = await learner.request.post(`/author/${SLUG}/preview`, {
      form: { body: "x" },
      headers: { Origin: new URL(learner.url()).origin },
    });
    expect(preview.status()).toBe(404);
    await learner.context().close();
  });
});
