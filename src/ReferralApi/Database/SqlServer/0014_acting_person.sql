-- The person who acted with a token, beside the agency and key: the provider's subject id (sub,
-- an opaque identifier, stored as given, compared byte for byte) and the display name (personal
-- data of staff, stored sealed like the referrals' personal fields). NULL for requests made with
-- an API key.
ALTER TABLE access_log ADD person_sub NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NULL, person_name NVARCHAR(MAX) NULL;
GO
ALTER TABLE referral_status_changes ADD person_sub NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NULL, person_name NVARCHAR(MAX) NULL;
GO
ALTER TABLE referral_notes ADD person_sub NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NULL, person_name NVARCHAR(MAX) NULL;
GO
ALTER TABLE admin_audit_log ADD person_sub NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NULL, person_name NVARCHAR(MAX) NULL;
GO
-- The logs stay append-only, with one exception the re-encryption after a key rotation needs: a
-- sealed name may be sealed again under another key. DELETE keeps its trigger; UPDATE gets one of
-- its own, which applies nothing but the new sealed name, and only when every other column is
-- unchanged and a name is neither added nor removed. A statement that matches no row passes.
ALTER TRIGGER access_log_append_only ON access_log INSTEAD OF DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted) RETURN;
    THROW 51000, N'access_log is append-only', 1;
END;
GO
CREATE TRIGGER access_log_reseal_only ON access_log INSTEAD OF UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted) RETURN;
    IF EXISTS (SELECT seq, at, agency_id, key_id, action, referral_id, correlation_id, person_sub FROM inserted
               EXCEPT SELECT seq, at, agency_id, key_id, action, referral_id, correlation_id, person_sub FROM deleted)
       OR EXISTS (SELECT 1 FROM inserted WHERE person_name IS NULL)
       OR EXISTS (SELECT 1 FROM deleted WHERE person_name IS NULL)
        THROW 51000, N'access_log is append-only', 1;
    UPDATE a SET person_name = i.person_name FROM access_log a JOIN inserted i ON i.seq = a.seq;
END;
GO
ALTER TRIGGER admin_audit_log_append_only ON admin_audit_log INSTEAD OF DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'admin_audit_log is append-only', 1;
END;
GO
CREATE TRIGGER admin_audit_log_reseal_only ON admin_audit_log INSTEAD OF UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted) RETURN;
    IF EXISTS (SELECT seq, at, admin_key, action, target_id, status, correlation_id, person_sub FROM inserted
               EXCEPT SELECT seq, at, admin_key, action, target_id, status, correlation_id, person_sub FROM deleted)
       OR EXISTS (SELECT 1 FROM inserted WHERE person_name IS NULL)
       OR EXISTS (SELECT 1 FROM deleted WHERE person_name IS NULL)
        THROW 51000, N'admin_audit_log is append-only', 1;
    UPDATE a SET person_name = i.person_name FROM admin_audit_log a JOIN inserted i ON i.seq = a.seq;
END;
GO
