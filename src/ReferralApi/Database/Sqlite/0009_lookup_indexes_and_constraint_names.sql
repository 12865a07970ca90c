-- Retention clears a referral's withdrawal notes by referral_id; without this index each erasure
-- scans the whole table.
CREATE INDEX ix_consent_withdrawals_referral ON consent_withdrawals (referral_id);
