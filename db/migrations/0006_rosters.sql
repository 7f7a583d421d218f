CREATE TABLE `roster_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text DEFAULT 'staff' NOT NULL,
	`created_by` text NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`bytes` blob NOT NULL,
	`status` text DEFAULT 'checked' NOT NULL,
	`preview` text NOT NULL,
	`account_sheet` blob,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`committed_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `roster_imports_creator_idx` ON `roster_imports` (`created_by`,`created_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `birth_date` text;