-- Ids are canonical uuid text; instants are fixed-width UTC text (yyyy-MM-ddTHH:mm:ss.ffffffZ).
CREATE TABLE agencies (
    id                TEXT    NOT NULL PRIMARY KEY,
    code              TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    sector            TEXT    NOT NULL,
    region_code       TEXT    NOT NULL,
    roles             TEXT    NOT NULL,
    services          TEXT    NOT NULL,
    accepts_referrals INTEGER NOT NULL,
    capacity_status   TEXT    NOT NULL,
    contact_email     TEXT    NULL,
    contact_phone     TEXT    NULL,
    active            INTEGER NOT NULL,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_agencies_code ON agencies (code);
CREATE INDEX ix_agencies_name ON agencies (name, id);

CREATE TABLE api_keys (
    id           TEXT NOT NULL PRIMARY KEY,
    agency_id    TEXT NOT NULL REFERENCES agencies (id),
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NULL,
    last_used_at TEXT NULL,
    revoked_at   TEXT NULL
);
CREATE UNIQUE INDEX ux_api_keys_prefix ON api_keys (prefix);
CREATE INDEX ix_api_keys_agency ON api_keys (agency_id, created_at);

CREATE TABLE cases (
    id                  TEXT NOT NULL PRIMARY KEY,
    opened_at           TEXT NOT NULL,
    opened_by_agency_id TEXT NOT NULL REFERENCES agencies (id)
);

CREATE TABLE referrals (
    id                             TEXT    NOT NULL PRIMARY KEY,
    case_id                        TEXT    NOT NULL REFERENCES cases (id),
    previous_referral_id           TEXT    NULL REFERENCES referrals (id),
    from_agency_id                 TEXT    NOT NULL REFERENCES agencies (id),
    to_agency_id                   TEXT    NOT NULL REFERENCES agencies (id),
    external_reference             TEXT    NULL,
    receiver_reference             TEXT    NULL,
    status                         TEXT    NOT NULL,
    version                        INTEGER NOT NULL,
    urgency                        TEXT    NOT NULL,
    violence_types                 TEXT    NOT NULL,
    services_requested             TEXT    NOT NULL,
    trafficking                    TEXT    NULL,
    reason                         TEXT    NOT NULL,
    incident_occurred_on           TEXT    NULL,
    incident_region_code           TEXT    NULL,
    incident_place                 TEXT    NULL,
    subject_initials               TEXT    NOT NULL,
    subject_full_name              TEXT    NULL,
    subject_sex                    TEXT    NOT NULL,
    subject_birth_date             TEXT    NULL,
    subject_age_years              INTEGER NULL,
    subject_national_id            TEXT    NULL,
    subject_nationality            TEXT    NULL,
    subject_phone                  TEXT    NULL,
    subject_address                TEXT    NULL,
    subject_region_code            TEXT    NULL,
    subject_disability             INTEGER NULL,
    safe_contact_do_not_contact    INTEGER NULL,
    safe_contact_preferred_channel TEXT    NULL,
    safe_contact_notes             TEXT    NULL,
    legal_basis                    TEXT    NOT NULL,
    consent_given_by               TEXT    NULL,
    consent_obtained_at            TEXT    NULL,
    consent_obtained_by            TEXT    NULL,
    consent_scope                  TEXT    NULL,
    respond_by                     TEXT    NOT NULL,
    created_at                     TEXT    NOT NULL,
    updated_at                     TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_referrals_external_reference ON referrals (from_agency_id, external_reference) WHERE external_reference IS NOT NULL;
CREATE INDEX ix_referrals_inbox ON referrals (to_agency_id, updated_at, id);
CREATE INDEX ix_referrals_outbox ON referrals (from_agency_id, updated_at, id);
CREATE INDEX ix_referrals_case ON referrals (case_id, created_at);

CREATE TABLE referral_status_changes (
    id           TEXT NOT NULL PRIMARY KEY,
    referral_id  TEXT NOT NULL REFERENCES referrals (id),
    status       TEXT NOT NULL,
    at           TEXT NOT NULL,
    by_agency_id TEXT NOT NULL REFERENCES agencies (id),
    reason_code  TEXT NULL,
    reason       TEXT NULL,
    outcome      TEXT NULL,
    note         TEXT NULL
);
CREATE INDEX ix_referral_status_changes_referral ON referral_status_changes (referral_id, at, id);

CREATE TABLE referral_notes (
    id               TEXT NOT NULL PRIMARY KEY,
    referral_id      TEXT NOT NULL REFERENCES referrals (id),
    author_agency_id TEXT NOT NULL REFERENCES agencies (id),
    text             TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX ix_referral_notes_referral ON referral_notes (referral_id, created_at, id);

CREATE TABLE idempotency_keys (
    scope_id        TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    response_status INTEGER NULL,
    resource_id     TEXT    NULL,
    created_at      TEXT    NOT NULL,
    expires_at      TEXT    NOT NULL,
    PRIMARY KEY (scope_id, idempotency_key)
);
CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
