-- Phones in the one canonical form of app/domain/phone.ts (decision 019). The former
-- normalisers turned "+84 (0)912 000 004" into "00912000004": the trunk zero goes.
UPDATE `users` SET `phone` = substr(`phone`, 2)
 WHERE `phone` GLOB '00[35789][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
    OR `phone` GLOB '002[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]';
--> statement-breakpoint
UPDATE `users` SET `phone` = NULL WHERE trim(`phone`) = '';
