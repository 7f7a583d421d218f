CREATE TABLE `course_draft_files` (
	`slug` text NOT NULL,
	`path` text NOT NULL,
	`text` text,
	`blob_hash` text,
	`alt_text` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`slug`, `path`),
	FOREIGN KEY (`slug`) REFERENCES `course_drafts`(`slug`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blob_hash`) REFERENCES `content_blobs`(`hash`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `course_draft_lessons` (
	`slug` text NOT NULL,
	`lesson_key` text NOT NULL,
	`position` integer NOT NULL,
	`source` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`slug`, `lesson_key`),
	FOREIGN KEY (`slug`) REFERENCES `course_drafts`(`slug`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `course_drafts` (
	`slug` text PRIMARY KEY NOT NULL,
	`owner_unit_id` integer,
	`base_version_id` integer,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`owner_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`base_version_id`) REFERENCES `course_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `course_versions` ADD `course_source` text;--> statement-breakpoint
ALTER TABLE `courses` ADD `owner_unit_id` integer REFERENCES org_units(id);