-- Retention: a referral's personal data is erased a configured time after it reached a terminal
-- status, unless either party holds it for proceedings in court (legal_hold).
ALTER TABLE referrals
    ADD COLUMN legal_hold boolean NOT NULL DEFAULT false,
    ADD COLUMN legal_hold_changed_at timestamptz NULL,
    ADD COLUMN legal_hold_changed_by_agency_id uuid NULL REFERENCES agencies (id),
    ADD COLUMN personal_data_erased_at timestamptz NULL;
CREATE INDEX ix_referrals_unerased ON referrals (status, id) WHERE personal_data_erased_at IS NULL;
