-- Retention: a referral's personal data is erased a configured time after it reached a terminal
-- status, unless either party holds it for proceedings in court (legal_hold).
ALTER TABLE referrals ADD
    legal_hold BIT NOT NULL CONSTRAINT referrals_legal_hold_default DEFAULT 0,
    legal_hold_changed_at DATETIMEOFFSET(6) NULL,
    legal_hold_changed_by_agency_id UNIQUEIDENTIFIER NULL CONSTRAINT referrals_legal_hold_changed_by_agency_id_fkey REFERENCES agencies (id),
    personal_data_erased_at DATETIMEOFFSET(6) NULL;
GO
CREATE INDEX ix_referrals_unerased ON referrals (status, id) WHERE personal_data_erased_at IS NULL;
GO
