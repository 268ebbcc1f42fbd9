ALTER TABLE `users` ADD `avatar_key` text;--> statement-breakpoint
-- A performer's account picture is their profile avatar (workers/accounts/account-picture.ts).
UPDATE `users` SET `avatar_key` = (SELECT `avatar_key` FROM `performer_profiles` WHERE `user_id` = `users`.`id`) WHERE `avatar_key` IS NULL;
