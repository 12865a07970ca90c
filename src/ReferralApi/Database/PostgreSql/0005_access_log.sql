-- Who read or changed which referral: one row per referral per request, ids and codes only.
-- Append-only: the triggers refuse every UPDATE, DELETE and TRUNCATE, whoever sends it.
CREATE TABLE access_log (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz  NOT NULL,
    agency_id      uuid         NOT NULL,
    key_id         uuid         NOT NULL,
    action         varchar(40)  NOT NULL,
    referral_id    uuid         NOT NULL,
    correlation_id varchar(100) NOT NULL
);
CREATE INDEX ix_access_log_referral ON access_log (referral_id, seq);
CREATE INDEX ix_access_log_agency ON access_log (agency_id, seq);

CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only';
END;
$$;

CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();

CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
