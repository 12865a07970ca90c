-- Retention: a referral's personal data is erased a configured time after it reached a terminal
-- status, unless either party holds it for proceedings in court (legal_hold).
ALTER TABLE referrals ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0;
ALTER TABLE referrals ADD COLUMN legal_hold_changed_at TEXT NULL;
ALTER TABLE referrals ADD COLUMN legal_hold_changed_by_agency_id TEXT NULL REFERENCES agencies (id);
ALTER TABLE referrals ADD COLUMN personal_data_erased_at TEXT NULL;
CREATE INDEX ix_referrals_unerased ON referrals (status, id) WHERE personal_data_erased_at IS NULL;
