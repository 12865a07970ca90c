-- Ids are uniqueidentifier; instants are datetimeoffset(6) (always written in UTC, at the microsecond
-- precision the API keeps, so nothing is rounded on the way in).
-- uniqueidentifier does not sort in creation order here (not even version 7), so the tables that grow
-- with referrals cluster on their access path and keep the primary key nonclustered. A clustered
-- index is created before the table's other indexes, which would otherwise be rebuilt by it.
-- Text is nvarchar, the type SqlClient sends for .NET strings, so no comparison converts a column.
-- Values the other engines compare byte for byte (idempotency keys, key prefixes, external
-- references) use a binary collation, not the case-insensitive database default.
-- Constraints carry PostgreSQL's default names, so later scripts can name them on both engines.
CREATE TABLE agencies (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT agencies_pkey PRIMARY KEY,
    code              NVARCHAR(40) NOT NULL,
    name              NVARCHAR(200) NOT NULL,
    sector            NVARCHAR(40) NOT NULL,
    region_code       NVARCHAR(13) NOT NULL,
    roles             NVARCHAR(200) NOT NULL,
    services          NVARCHAR(1000) NOT NULL,
    accepts_referrals BIT NOT NULL,
    capacity_status   NVARCHAR(20) NOT NULL,
    contact_email     NVARCHAR(254) NULL,
    contact_phone     NVARCHAR(40) NULL,
    active            BIT NOT NULL,
    created_at        DATETIMEOFFSET(6) NOT NULL,
    updated_at        DATETIMEOFFSET(6) NOT NULL
);
GO
CREATE UNIQUE INDEX ux_agencies_code ON agencies (code);
GO
CREATE INDEX ix_agencies_name ON agencies (name, id);
GO

CREATE TABLE api_keys (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT api_keys_pkey PRIMARY KEY,
    agency_id    UNIQUEIDENTIFIER NOT NULL CONSTRAINT api_keys_agency_id_fkey REFERENCES agencies (id),
    prefix       NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    key_hash     NVARCHAR(64) NOT NULL,
    created_at   DATETIMEOFFSET(6) NOT NULL,
    expires_at   DATETIMEOFFSET(6) NULL,
    last_used_at DATETIMEOFFSET(6) NULL,
    revoked_at   DATETIMEOFFSET(6) NULL
);
GO
CREATE UNIQUE INDEX ux_api_keys_prefix ON api_keys (prefix);
GO
CREATE INDEX ix_api_keys_agency ON api_keys (agency_id, created_at);
GO

CREATE TABLE cases (
    id                  UNIQUEIDENTIFIER NOT NULL CONSTRAINT cases_pkey PRIMARY KEY NONCLUSTERED,
    opened_at           DATETIMEOFFSET(6) NOT NULL,
    opened_by_agency_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT cases_opened_by_agency_id_fkey REFERENCES agencies (id)
);
GO
CREATE UNIQUE CLUSTERED INDEX cx_cases_opened ON cases (opened_at, id);
GO

CREATE TABLE referrals (
    id                             UNIQUEIDENTIFIER NOT NULL CONSTRAINT referrals_pkey PRIMARY KEY NONCLUSTERED,
    case_id                        UNIQUEIDENTIFIER NOT NULL CONSTRAINT referrals_case_id_fkey REFERENCES cases (id),
    previous_referral_id           UNIQUEIDENTIFIER NULL CONSTRAINT referrals_previous_referral_id_fkey REFERENCES referrals (id),
    from_agency_id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT referrals_from_agency_id_fkey REFERENCES agencies (id),
    to_agency_id                   UNIQUEIDENTIFIER NOT NULL CONSTRAINT referrals_to_agency_id_fkey REFERENCES agencies (id),
    external_reference             NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL,
    receiver_reference             NVARCHAR(100) NULL,
    status                         NVARCHAR(20) NOT NULL,
    version                        INT NOT NULL,
    urgency                        NVARCHAR(20) NOT NULL,
    violence_types                 NVARCHAR(400) NOT NULL,
    services_requested             NVARCHAR(1000) NOT NULL,
    trafficking                    NVARCHAR(2000) NULL,
    reason                         NVARCHAR(MAX) NOT NULL,
    incident_occurred_on           NVARCHAR(10) NULL,
    incident_region_code           NVARCHAR(13) NULL,
    incident_place                 NVARCHAR(40) NULL,
    subject_initials               NVARCHAR(20) NOT NULL,
    subject_full_name              NVARCHAR(MAX) NULL,
    subject_sex                    NVARCHAR(20) NOT NULL,
    subject_birth_date             NVARCHAR(MAX) NULL,
    subject_age_years              INT NULL,
    subject_national_id            NVARCHAR(MAX) NULL,
    subject_nationality            NVARCHAR(2) NULL,
    subject_phone                  NVARCHAR(MAX) NULL,
    subject_address                NVARCHAR(MAX) NULL,
    subject_region_code            NVARCHAR(13) NULL,
    subject_disability             BIT NULL,
    safe_contact_do_not_contact    BIT NULL,
    safe_contact_preferred_channel NVARCHAR(40) NULL,
    safe_contact_notes             NVARCHAR(MAX) NULL,
    legal_basis                    NVARCHAR(40) NOT NULL,
    consent_given_by               NVARCHAR(40) NULL,
    consent_obtained_at            DATETIMEOFFSET(6) NULL,
    consent_obtained_by            NVARCHAR(MAX) NULL,
    consent_scope                  NVARCHAR(MAX) NULL,
    respond_by                     DATETIMEOFFSET(6) NOT NULL,
    created_at                     DATETIMEOFFSET(6) NOT NULL,
    updated_at                     DATETIMEOFFSET(6) NOT NULL
);
GO
CREATE UNIQUE CLUSTERED INDEX cx_referrals_created ON referrals (created_at, id);
GO
-- Filtered: a plain unique index would let only one referral per sender go without a reference.
CREATE UNIQUE INDEX ux_referrals_external_reference ON referrals (from_agency_id, external_reference) WHERE external_reference IS NOT NULL;
GO
CREATE INDEX ix_referrals_inbox ON referrals (to_agency_id, updated_at, id);
GO
CREATE INDEX ix_referrals_outbox ON referrals (from_agency_id, updated_at, id);
GO
CREATE INDEX ix_referrals_case ON referrals (case_id, created_at);
GO

CREATE TABLE referral_status_changes (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT referral_status_changes_pkey PRIMARY KEY NONCLUSTERED,
    referral_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT referral_status_changes_referral_id_fkey REFERENCES referrals (id),
    status       NVARCHAR(20) NOT NULL,
    at           DATETIMEOFFSET(6) NOT NULL,
    by_agency_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT referral_status_changes_by_agency_id_fkey REFERENCES agencies (id),
    reason_code  NVARCHAR(40) NULL,
    reason       NVARCHAR(MAX) NULL,
    outcome      NVARCHAR(MAX) NULL,
    note         NVARCHAR(MAX) NULL
);
GO
CREATE UNIQUE CLUSTERED INDEX ix_referral_status_changes_referral ON referral_status_changes (referral_id, at, id);
GO

CREATE TABLE referral_notes (
    id               UNIQUEIDENTIFIER NOT NULL CONSTRAINT referral_notes_pkey PRIMARY KEY NONCLUSTERED,
    referral_id      UNIQUEIDENTIFIER NOT NULL CONSTRAINT referral_notes_referral_id_fkey REFERENCES referrals (id),
    author_agency_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT referral_notes_author_agency_id_fkey REFERENCES agencies (id),
    text             NVARCHAR(MAX) NOT NULL,
    created_at       DATETIMEOFFSET(6) NOT NULL
);
GO
CREATE UNIQUE CLUSTERED INDEX ix_referral_notes_referral ON referral_notes (referral_id, created_at, id);
GO

CREATE TABLE idempotency_keys (
    scope_id        UNIQUEIDENTIFIER NOT NULL,
    idempotency_key NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
    request_hash    NVARCHAR(64) NOT NULL,
    state           NVARCHAR(20) NOT NULL,
    response_status INT NULL,
    resource_id     UNIQUEIDENTIFIER NULL,
    created_at      DATETIMEOFFSET(6) NOT NULL,
    expires_at      DATETIMEOFFSET(6) NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope_id, idempotency_key)
);
GO
CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
GO
