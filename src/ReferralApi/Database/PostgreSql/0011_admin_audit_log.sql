-- What the admin did: one row per admin action, ids and codes only; the admin key is named by a
-- fingerprint of its hash. Append-only: the triggers refuse every UPDATE, DELETE and TRUNCATE.
CREATE TABLE admin_audit_log (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz  NOT NULL,
    admin_key      varchar(20)  NOT NULL,
    action         varchar(40)  NOT NULL,
    target_id      uuid         NULL,
    status         integer      NOT NULL,
    correlation_id varchar(100) NOT NULL
);

CREATE FUNCTION admin_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin_audit_log is append-only';
END;
$$;

CREATE TRIGGER admin_audit_log_no_change BEFORE UPDATE OR DELETE ON admin_audit_log
    FOR EACH ROW EXECUTE FUNCTION admin_audit_log_append_only();

CREATE TRIGGER admin_audit_log_no_truncate BEFORE TRUNCATE ON admin_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_append_only();
