DROP TABLE `login_failures`;--> statement-breakpoint
DROP TABLE `rate_events`;