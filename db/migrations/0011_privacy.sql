CREATE TABLE `contact_consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`granted` integer NOT NULL,
	`notice_version` integer NOT NULL,
	`at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notice_version`) REFERENCES `privacy_notices`(`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_consents_user_idx` ON `contact_consents` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `correction_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`org_unit_id` integer,
	`body` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`due_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`handled_by` text,
	`handled_at` integer,
	`response` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `correction_requests_unit_idx` ON `correction_requests` (`org_unit_id`,`status`);--> statement-breakpoint
CREATE INDEX `correction_requests_user_idx` ON `correction_requests` (`user_id`);--> statement-breakpoint
CREATE TABLE `privacy_acknowledgements` (
	`user_id` text NOT NULL,
	`notice_version` integer NOT NULL,
	`at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `notice_version`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notice_version`) REFERENCES `privacy_notices`(`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `privacy_notices` (
	`version` integer PRIMARY KEY NOT NULL,
	`body_vi` text NOT NULL,
	`body_en` text NOT NULL,
	`published_by` text,
	`published_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `privacy_notices` (`version`, `body_vi`, `body_en`) VALUES (1, '## Thông báo về xử lý dữ liệu cá nhân

Hệ thống tập huấn này do Sở Y tế tỉnh vận hành để bồi dưỡng người làm công tác bảo vệ trẻ em và báo cáo kết quả tập huấn theo chỉ tiêu quốc gia. Thông báo này được lập theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP.

## Dữ liệu được lưu về bạn
- Họ và tên, tên đăng nhập, số điện thoại, thư điện tử, ngày sinh (nếu đơn vị cung cấp).
- Đơn vị công tác, vị trí việc làm và vai trò của bạn trong hệ thống.
- Quá trình học: bài đã đọc, bài kiểm tra và câu trả lời, chứng nhận, điểm danh các buổi tập huấn.
- Nhật ký các thay đổi liên quan đến tài khoản của bạn.

## Mục đích
- Tổ chức tập huấn, cấp và xác minh chứng nhận.
- Báo cáo tỷ lệ người làm công tác bảo vệ trẻ em đã được tập huấn theo chỉ tiêu quốc gia.
- Nhắc lịch học và hạn hoàn thành qua tin nhắn hoặc thư điện tử, chỉ khi bạn đồng ý.

## Ai được xem
- Người quản lý của đơn vị bạn và của các cấp trên, trong phạm vi đơn vị họ quản lý.
- Giảng viên của khóa học bạn tham gia: kết quả học của khóa đó.
- Quản trị viên hệ thống.
- Người có mã chứng nhận của bạn chỉ thấy họ tên, khóa học và hiệu lực của chứng nhận.

## Thời gian lưu
- Hồ sơ học tập và chứng nhận: trong thời gian bạn làm công tác bảo vệ trẻ em và 5 năm sau khi tài khoản ngừng hoạt động; sau đó thông tin cá nhân được ẩn danh, số liệu tổng hợp và chứng nhận đã cấp vẫn được giữ.
- Tệp danh sách nhân sự tải lên: 30 ngày.
- Phiên đăng nhập: tối đa 30 ngày.

## Quyền của bạn
- Được biết, xem và tải về toàn bộ dữ liệu về bạn tại trang "Dữ liệu của tôi".
- Yêu cầu chỉnh sửa dữ liệu chưa đúng; yêu cầu được chuyển tới người quản lý đơn vị và được trả lời trong thời hạn luật định.
- Đồng ý hoặc rút lại đồng ý nhận nhắc nhở qua tin nhắn, thư điện tử bất cứ lúc nào, tại trang "Dữ liệu của tôi".
- Khiếu nại với cơ quan có thẩm quyền nếu quyền của bạn bị vi phạm.

Mọi thắc mắc, xin liên hệ bộ phận phụ trách hệ thống của Sở Y tế tỉnh.', '## Notice on the processing of personal data

This training system is run by the provincial Department of Health to train the people who protect children and to report training results against the national target. This notice follows the Law on Personal Data Protection No. 91/2025/QH15 and Decree 356/2025/ND-CP.

## What is held about you
- Full name, username, phone number, e-mail, date of birth (if your unit provided it).
- Where you work, your position and your roles in the system.
- Your learning: lessons read, quizzes and your answers, certificates, attendance at trainings.
- A log of the changes made to your account.

## Why
- To organise training, and to issue and verify certificates.
- To report the share of child-protection staff who have been trained against the national target.
- To remind you of courses and due dates by SMS or e-mail, only if you agree.

## Who sees it
- The managers of your unit and of the units above it, within the units they manage.
- Trainers of the courses you take: your results in those courses.
- System administrators.
- Anyone with your certificate code sees only your name, the course and whether the certificate is valid.

## How long it is kept
- Learning records and certificates: while you work in child protection and for 5 years after your account is closed; then your personal details are anonymised, while totals and issued certificates remain.
- Uploaded staff lists: 30 days.
- Sign-in sessions: at most 30 days.

## Your rights
- To know, see and download everything held about you, on the page "My data".
- To ask for a correction of anything wrong; the request goes to the managers of your unit and is answered within the time the law sets.
- To agree or withdraw your agreement to reminders by SMS or e-mail at any time, on the page "My data".
- To complain to the competent authority if your rights are not respected.

For any question, contact the team responsible for the system at the provincial Department of Health.');
