CREATE TABLE `indicator_snapshots` (
	`month` text NOT NULL,
	`org_unit_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`assigned` integer NOT NULL,
	`trained` integer NOT NULL,
	`overdue` integer NOT NULL,
	`expired` integer NOT NULL,
	`expiring_soon` integer NOT NULL,
	`taken_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`month`, `org_unit_id`, `course_id`)
);
--> statement-breakpoint
CREATE INDEX `indicator_snapshots_unit_idx` ON `indicator_snapshots` (`org_unit_id`,`course_id`,`month`);--> statement-breakpoint
CREATE TABLE `learner_rollup_states` (
	`user_id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`next_change_on` text,
	`as_of` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `learner_rollup_states_next_idx` ON `learner_rollup_states` (`next_change_on`);--> statement-breakpoint
CREATE TABLE `rollup_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit_rollups` (
	`org_unit_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`tier_id` integer NOT NULL,
	`position_id` integer NOT NULL,
	`assigned` integer DEFAULT 0 NOT NULL,
	`trained` integer DEFAULT 0 NOT NULL,
	`in_progress` integer DEFAULT 0 NOT NULL,
	`not_started` integer DEFAULT 0 NOT NULL,
	`overdue` integer DEFAULT 0 NOT NULL,
	`expired` integer DEFAULT 0 NOT NULL,
	`expiring_soon` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`org_unit_id`, `course_id`, `tier_id`, `position_id`)
);
--> statement-breakpoint
CREATE INDEX `org_units_tier_path_idx` ON `org_units` (`tier_id`,`path`);