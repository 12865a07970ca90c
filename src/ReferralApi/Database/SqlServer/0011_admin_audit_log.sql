-- What the admin did: one row per admin action, ids and codes only; the admin key is named by a
-- fingerprint of its hash. Append-only: the trigger refuses every UPDATE and DELETE. TRUNCATE
-- fires no trigger; it needs ALTER on the table, which the application's login must not hold.
CREATE TABLE admin_audit_log (
    seq            BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT admin_audit_log_pkey PRIMARY KEY,
    at             DATETIMEOFFSET(6) NOT NULL,
    admin_key      NVARCHAR(20)      NOT NULL,
    action         NVARCHAR(40)      NOT NULL,
    target_id      UNIQUEIDENTIFIER  NULL,
    status         INT               NOT NULL,
    correlation_id NVARCHAR(100)     NOT NULL
);
GO
CREATE TRIGGER admin_audit_log_append_only ON admin_audit_log INSTEAD OF UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'admin_audit_log is append-only', 1;
END;
GO
