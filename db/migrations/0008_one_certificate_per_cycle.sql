DROP INDEX `course_completions_attempt_uq`;--> statement-breakpoint
ALTER TABLE `course_completions` ADD `cycle` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `certificates` ADD `cycle` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Repair before the unique indexes (decision 018). Per person and course, the standing
-- completions (not undone) are walked oldest first. One made while the current certificate
-- (the latest kept one not revoked) was still valid and outside its last 30 days is a
-- duplicate: it is undone and its certificate revoked. Every kept one opens the next cycle.
-- The walk is materialised with a key so each step is one lookup, even nationally.
CREATE TABLE `__cycle_order` (
	`seq` integer PRIMARY KEY NOT NULL,
	`n` integer NOT NULL,
	`completion_id` integer NOT NULL,
	`day` text NOT NULL,
	`expires_on` text,
	`standing` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__cycle_order` (`seq`, `n`, `completion_id`, `day`, `expires_on`, `standing`)
SELECT row_number() OVER (ORDER BY cc.user_id, cc.course_id, cc.completed_at, cc.id),
       row_number() OVER (PARTITION BY cc.user_id, cc.course_id ORDER BY cc.completed_at, cc.id),
       cc.id,
       coalesce(c.issued_on, date(cc.completed_at / 1000, 'unixepoch', '+7 hours')),
       c.expires_on,
       c.id IS NOT NULL AND c.revoked_at IS NULL
  FROM course_completions cc LEFT JOIN certificates c ON c.completion_id = cc.id
 WHERE cc.undone_at IS NULL;--> statement-breakpoint
CREATE TABLE `__cycle_walk` (
	`completion_id` integer PRIMARY KEY NOT NULL,
	`duplicate` integer NOT NULL,
	`cycle` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__cycle_walk` (`completion_id`, `duplicate`, `cycle`)
WITH RECURSIVE walk(seq, completion_id, duplicate, cycle, top, running_expires, running_cycle) AS (
  SELECT seq, completion_id, 0, 1, 1,
         CASE WHEN standing THEN expires_on END,
         CASE WHEN standing THEN 1 END
    FROM `__cycle_order` WHERE n = 1
  UNION ALL
  SELECT o.seq, o.completion_id, d.duplicate,
         CASE WHEN d.duplicate THEN w.running_cycle ELSE w.top + 1 END,
         CASE WHEN d.duplicate THEN w.top ELSE w.top + 1 END,
         CASE WHEN NOT d.duplicate AND o.standing THEN o.expires_on ELSE w.running_expires END,
         CASE WHEN NOT d.duplicate AND o.standing THEN w.top + 1 ELSE w.running_cycle END
    FROM walk w
    JOIN `__cycle_order` o ON o.seq = w.seq + 1 AND o.n > 1
    -- Valid (not expiring) on the day: more than 29 days left, as certificateStatus says.
    JOIN (SELECT 1 AS duplicate UNION ALL SELECT 0) d
      ON d.duplicate = coalesce(w.running_expires IS NOT NULL AND o.day <= date(w.running_expires, '-30 days'), 0)
)
SELECT completion_id, duplicate, cycle FROM walk;--> statement-breakpoint
INSERT INTO `audit_log` (`actor_user_id`, `action`, `entity_type`, `entity_id`, `org_unit_id`, `before`, `after`)
SELECT NULL, 'certificate.revoke', 'certificate', CAST(c.id AS text), c.unit_id,
       json_object('code', c.code, 'holderId', c.user_id, 'revokedAt', NULL, 'revokedReason', NULL, 'revokedBy', NULL),
       json_object('code', c.code, 'holderId', c.user_id, 'revokedAt', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                   'revokedReason', 'Trùng lặp: đã có chứng nhận cùng kỳ', 'revokedBy', NULL)
  FROM `certificates` c JOIN `__cycle_walk` w ON w.completion_id = c.completion_id
 WHERE w.duplicate = 1 AND c.revoked_at IS NULL;--> statement-breakpoint
UPDATE `certificates`
   SET `revoked_at` = unixepoch() * 1000, `revoked_reason` = 'Trùng lặp: đã có chứng nhận cùng kỳ', `revoked_by` = NULL
 WHERE `revoked_at` IS NULL
   AND `completion_id` IN (SELECT completion_id FROM `__cycle_walk` WHERE duplicate = 1);--> statement-breakpoint
UPDATE `course_completions`
   SET `undone_at` = unixepoch() * 1000
 WHERE `id` IN (SELECT completion_id FROM `__cycle_walk` WHERE duplicate = 1);--> statement-breakpoint
UPDATE `course_completions`
   SET `cycle` = (SELECT w.cycle FROM `__cycle_walk` w WHERE w.completion_id = `course_completions`.`id`)
 WHERE `id` IN (SELECT completion_id FROM `__cycle_walk`);--> statement-breakpoint
UPDATE `certificates`
   SET `cycle` = (SELECT cc.cycle FROM `course_completions` cc WHERE cc.id = `certificates`.`completion_id`);--> statement-breakpoint
-- Revoking a duplicate can change which certificate is a person's latest, so what the
-- indicator counts: the rollups are rebuilt at the next start (decision 010).
DELETE FROM `rollup_clock` WHERE EXISTS (SELECT 1 FROM `__cycle_walk` WHERE duplicate = 1);--> statement-breakpoint
DROP TABLE `__cycle_walk`;--> statement-breakpoint
DROP TABLE `__cycle_order`;--> statement-breakpoint
CREATE UNIQUE INDEX `course_completions_cycle_uq` ON `course_completions` (`user_id`,`course_id`,`cycle`) WHERE undone_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX `course_completions_attempt_uq` ON `course_completions` (`attempt_id`) WHERE undone_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_cycle_uq` ON `certificates` (`user_id`,`course_id`,`cycle`) WHERE revoked_at is null;
