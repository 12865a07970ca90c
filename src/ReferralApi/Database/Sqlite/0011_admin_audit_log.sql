-- What the admin did: one row per admin action, ids and codes only; the admin key is named by a
-- fingerprint of its hash. Append-only: the triggers refuse every UPDATE and DELETE.
CREATE TABLE admin_audit_log (
    seq            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at             TEXT    NOT NULL,
    admin_key      TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    target_id      TEXT    NULL,
    status         INTEGER NOT NULL,
    correlation_id TEXT    NOT NULL
);

CREATE TRIGGER admin_audit_log_no_update BEFORE UPDATE ON admin_audit_log
BEGIN
    SELECT RAISE(ABORT, 'admin_audit_log is append-only');
END;

CREATE TRIGGER admin_audit_log_no_delete BEFORE DELETE ON admin_audit_log
BEGIN
    SELECT RAISE(ABORT, 'admin_audit_log is append-only');
END;
