CREATE TABLE `compiled_mdx` (
	`hash` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`compiled_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `content_blobs` (
	`hash` text PRIMARY KEY NOT NULL,
	`bytes` blob NOT NULL,
	`size` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `course_assets` (
	`course_version_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`course_version_id`, `kind`, `name`),
	FOREIGN KEY (`course_version_id`) REFERENCES `course_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hash`) REFERENCES `content_blobs`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `course_lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_version_id` integer NOT NULL,
	`lesson_key` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`minutes` integer NOT NULL,
	`source` text NOT NULL,
	`compiled_hash` text NOT NULL,
	FOREIGN KEY (`course_version_id`) REFERENCES `course_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_lessons_key_uq` ON `course_lessons` (`course_version_id`,`lesson_key`);--> statement-breakpoint
CREATE INDEX `course_lessons_position_idx` ON `course_lessons` (`course_version_id`,`position`);--> statement-breakpoint
CREATE TABLE `course_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`number` integer NOT NULL,
	`declared_version` integer,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`intro_hash` text,
	`audience_tiers` text NOT NULL,
	`audience_positions` text NOT NULL,
	`estimated_minutes` integer NOT NULL,
	`certificate_validity_months` integer NOT NULL,
	`pass_mark` integer NOT NULL,
	`quiz` text NOT NULL,
	`source_hash` text NOT NULL,
	`published_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`published_by` text,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_versions_number_uq` ON `course_versions` (`course_id`,`number`);--> statement-breakpoint
CREATE INDEX `course_versions_hash_idx` ON `course_versions` (`course_id`,`source_hash`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`current_version_id` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `courses_slug_unique` ON `courses` (`slug`);--> statement-breakpoint
CREATE TABLE `lesson_reads` (
	`user_id` text NOT NULL,
	`course_id` integer NOT NULL,
	`lesson_key` text NOT NULL,
	`first_read_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`last_read_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `course_id`, `lesson_key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `question_banks` (
	`course_version_id` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`questions` text NOT NULL,
	FOREIGN KEY (`course_version_id`) REFERENCES `course_versions`(`id`) ON UPDATE no action ON DELETE no action
);
