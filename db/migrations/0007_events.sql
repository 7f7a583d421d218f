CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`event_id` integer,
	`params` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `training_attendance` (
	`event_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`day_index` integer NOT NULL,
	`portion` text NOT NULL,
	`method` text NOT NULL,
	`recorded_by` text,
	`recorded_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`, `day_index`),
	FOREIGN KEY (`event_id`) REFERENCES `training_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_attendance_user_idx` ON `training_attendance` (`user_id`);--> statement-breakpoint
CREATE TABLE `training_event_courses` (
	`event_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `course_id`),
	FOREIGN KEY (`event_id`) REFERENCES `training_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `training_event_days` (
	`event_id` integer NOT NULL,
	`day_index` integer NOT NULL,
	`date` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	PRIMARY KEY(`event_id`, `day_index`),
	FOREIGN KEY (`event_id`) REFERENCES `training_events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `training_event_days_date_idx` ON `training_event_days` (`date`);--> statement-breakpoint
CREATE TABLE `training_event_trainers` (
	`event_id` integer NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `training_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `training_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`org_unit_id` integer NOT NULL,
	`place` text NOT NULL,
	`capacity` integer,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`audience` text,
	`check_in_secret` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_events_unit_idx` ON `training_events` (`org_unit_id`);--> statement-breakpoint
CREATE TABLE `training_invitations` (
	`event_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`response` text DEFAULT 'pending' NOT NULL,
	`source` text DEFAULT 'audience' NOT NULL,
	`responded_at` integer,
	`removed_at` integer,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `training_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_invitations_user_idx` ON `training_invitations` (`user_id`);--> statement-breakpoint
ALTER TABLE `course_completions` ADD `via` text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `course_completions` ADD `event_id` integer;--> statement-breakpoint
ALTER TABLE `course_completions` ADD `undone_at` integer;--> statement-breakpoint
ALTER TABLE `course_versions` ADD `in_person` text;--> statement-breakpoint
ALTER TABLE `unit_rollups` ADD `trained_in_person` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
DELETE FROM `rollup_clock`;
