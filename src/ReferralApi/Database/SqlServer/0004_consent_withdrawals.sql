-- A subject's withdrawal of consent, recorded by the sender of one referral of the case. The note
-- is sealed like every free text; cancelled_referral_ids is the JSON list of what it cancelled.
CREATE TABLE consent_withdrawals (
    id                     UNIQUEIDENTIFIER NOT NULL CONSTRAINT consent_withdrawals_pkey PRIMARY KEY NONCLUSTERED,
    case_id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT consent_withdrawals_case_id_fkey REFERENCES cases (id),
    referral_id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT consent_withdrawals_referral_id_fkey REFERENCES referrals (id),
    recorded_by_agency_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT consent_withdrawals_recorded_by_agency_id_fkey REFERENCES agencies (id),
    recorded_at            DATETIMEOFFSET(6) NOT NULL,
    note                   NVARCHAR(MAX) NULL,
    cancelled_referral_ids NVARCHAR(MAX) NOT NULL,
    created_at             DATETIMEOFFSET(6) NOT NULL
);
GO
CREATE UNIQUE CLUSTERED INDEX cx_consent_withdrawals_case ON consent_withdrawals (case_id, created_at, id);
GO
