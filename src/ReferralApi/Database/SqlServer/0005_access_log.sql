-- Who read or changed which referral: one row per referral per request, ids and codes only.
-- Append-only: the trigger refuses every UPDATE and DELETE, whoever sends it. TRUNCATE fires no
-- trigger; it needs ALTER on the table, which the application's login must not hold.
CREATE TABLE access_log (
    seq            BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT access_log_pkey PRIMARY KEY,
    at             DATETIMEOFFSET(6) NOT NULL,
    agency_id      UNIQUEIDENTIFIER  NOT NULL,
    key_id         UNIQUEIDENTIFIER  NOT NULL,
    action         NVARCHAR(40)      NOT NULL,
    referral_id    UNIQUEIDENTIFIER  NOT NULL,
    correlation_id NVARCHAR(100)     NOT NULL
);
GO
CREATE INDEX ix_access_log_referral ON access_log (referral_id, seq);
GO
CREATE INDEX ix_access_log_agency ON access_log (agency_id, seq);
GO
CREATE TRIGGER access_log_append_only ON access_log INSTEAD OF UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'access_log is append-only', 1;
END;
GO
