-- A subject's withdrawal of consent, recorded by the sender of one referral of the case. The note
-- is sealed like every free text; cancelled_referral_ids is the JSON list of what it cancelled.
CREATE TABLE consent_withdrawals (
    id                     TEXT NOT NULL PRIMARY KEY,
    case_id                TEXT NOT NULL REFERENCES cases (id),
    referral_id            TEXT NOT NULL REFERENCES referrals (id),
    recorded_by_agency_id  TEXT NOT NULL REFERENCES agencies (id),
    recorded_at            TEXT NOT NULL,
    note                   TEXT NULL,
    cancelled_referral_ids TEXT NOT NULL,
    created_at             TEXT NOT NULL
);
CREATE INDEX ix_consent_withdrawals_case ON consent_withdrawals (case_id, created_at);
