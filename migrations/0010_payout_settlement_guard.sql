-- A payout's outcome reaches the ledger only in the batch that moves the payout to that status:
-- the status update comes first, guarded by the state it leaves, so a request that lost the
-- payout (another admin approved or failed it) aborts its whole batch instead of booking.
-- Written by hand (drizzle-kit does not generate triggers).
CREATE TRIGGER `payout_settlement_matches_status` BEFORE INSERT ON `ledger_transactions`
WHEN NEW.kind IN ('payout_paid', 'payout_failed')
  AND NOT EXISTS (SELECT 1 FROM payouts WHERE id = NEW.reference AND status = substr(NEW.kind, 8))
BEGIN SELECT RAISE(ABORT, 'payout_settlement_matches_status: the payout is not in the state this booking needs'); END;
--> statement-breakpoint
UPDATE `payout_accounts` SET `status` = 'active' WHERE `ready` = 1;
