-- Ids are uuid; instants are timestamptz (always written in UTC).
CREATE TABLE agencies (
    id                uuid NOT NULL PRIMARY KEY,
    code              varchar(40) NOT NULL,
    name              varchar(200) NOT NULL,
    sector            varchar(40) NOT NULL,
    region_code       varchar(13) NOT NULL,
    roles             varchar(200) NOT NULL,
    services          varchar(1000) NOT NULL,
    accepts_referrals boolean NOT NULL,
    capacity_status   varchar(20) NOT NULL,
    contact_email     varchar(254) NULL,
    contact_phone     varchar(40) NULL,
    active            boolean NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_agencies_code ON agencies (code);
CREATE INDEX ix_agencies_name ON agencies (name, id);

CREATE TABLE api_keys (
    id           uuid NOT NULL PRIMARY KEY,
    agency_id    uuid NOT NULL REFERENCES agencies (id),
    prefix       varchar(16) NOT NULL,
    key_hash     varchar(64) NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NULL,
    last_used_at timestamptz NULL,
    revoked_at   timestamptz NULL
);
CREATE UNIQUE INDEX ux_api_keys_prefix ON api_keys (prefix);
CREATE INDEX ix_api_keys_agency ON api_keys (agency_id, created_at);

CREATE TABLE cases (
    id                  uuid NOT NULL PRIMARY KEY,
    opened_at           timestamptz NOT NULL,
    opened_by_agency_id uuid NOT NULL REFERENCES agencies (id)
);

CREATE TABLE referrals (
    id                             uuid NOT NULL PRIMARY KEY,
    case_id                        uuid NOT NULL REFERENCES cases (id),
    previous_referral_id           uuid NULL REFERENCES referrals (id),
    from_agency_id                 uuid NOT NULL REFERENCES agencies (id),
    to_agency_id                   uuid NOT NULL REFERENCES agencies (id),
    external_reference             varchar(100) NULL,
    receiver_reference             varchar(100) NULL,
    status                         varchar(20) NOT NULL,
    version                        integer NOT NULL,
    urgency                        varchar(20) NOT NULL,
    violence_types                 varchar(400) NOT NULL,
    services_requested             varchar(1000) NOT NULL,
    trafficking                    varchar(2000) NULL,
    reason                         text NOT NULL,
    incident_occurred_on           varchar(10) NULL,
    incident_region_code           varchar(13) NULL,
    incident_place                 varchar(40) NULL,
    subject_initials               varchar(20) NOT NULL,
    subject_full_name              text NULL,
    subject_sex                    varchar(20) NOT NULL,
    subject_birth_date             text NULL,
    subject_age_years              integer NULL,
    subject_national_id            text NULL,
    subject_nationality            varchar(2) NULL,
    subject_phone                  text NULL,
    subject_address                text NULL,
    subject_region_code            varchar(13) NULL,
    subject_disability             boolean NULL,
    safe_contact_do_not_contact    boolean NULL,
    safe_contact_preferred_channel varchar(40) NULL,
    safe_contact_notes             text NULL,
    legal_basis                    varchar(40) NOT NULL,
    consent_given_by               varchar(40) NULL,
    consent_obtained_at            timestamptz NULL,
    consent_obtained_by            text NULL,
    consent_scope                  text NULL,
    respond_by                     timestamptz NOT NULL,
    created_at                     timestamptz NOT NULL,
    updated_at                     timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_referrals_external_reference ON referrals (from_agency_id, external_reference) WHERE external_reference IS NOT NULL;
CREATE INDEX ix_referrals_inbox ON referrals (to_agency_id, updated_at, id);
CREATE INDEX ix_referrals_outbox ON referrals (from_agency_id, updated_at, id);
CREATE INDEX ix_referrals_case ON referrals (case_id, created_at);

CREATE TABLE referral_status_changes (
    id           uuid NOT NULL PRIMARY KEY,
    referral_id  uuid NOT NULL REFERENCES referrals (id),
    status       varchar(20) NOT NULL,
    at           timestamptz NOT NULL,
    by_agency_id uuid NOT NULL REFERENCES agencies (id),
    reason_code  varchar(40) NULL,
    reason       text NULL,
    outcome      text NULL,
    note         text NULL
);
CREATE INDEX ix_referral_status_changes_referral ON referral_status_changes (referral_id, at, id);

CREATE TABLE referral_notes (
    id               uuid NOT NULL PRIMARY KEY,
    referral_id      uuid NOT NULL REFERENCES referrals (id),
    author_agency_id uuid NOT NULL REFERENCES agencies (id),
    text             text NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX ix_referral_notes_referral ON referral_notes (referral_id, created_at, id);

CREATE TABLE idempotency_keys (
    scope_id        uuid NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    request_hash    varchar(64) NOT NULL,
    state           varchar(20) NOT NULL,
    response_status integer NULL,
    resource_id     uuid NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (scope_id, idempotency_key)
);
CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
