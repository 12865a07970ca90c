-- Who read or changed which referral: one row per referral per request, ids and codes only.
-- Append-only: the triggers refuse every UPDATE and DELETE, whoever sends it.
CREATE TABLE access_log (
    seq            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at             TEXT    NOT NULL,
    agency_id      TEXT    NOT NULL,
    key_id         TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    referral_id    TEXT    NOT NULL,
    correlation_id TEXT    NOT NULL
);
CREATE INDEX ix_access_log_referral ON access_log (referral_id, seq);
CREATE INDEX ix_access_log_agency ON access_log (agency_id, seq);

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;

CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;
