-- Keys manage keys only with the 'keys' permission, every key expires, and the list shows which
-- key created which. Keys issued before this change get no permission (the admin issues a
-- managing key) and expire one year after the upgrade if they had no expiry.
ALTER TABLE api_keys ADD
    permissions NVARCHAR(200) NOT NULL CONSTRAINT api_keys_permissions_default DEFAULT N'[]',
    created_by_key_id UNIQUEIDENTIFIER NULL;
GO
UPDATE api_keys SET expires_at = TODATETIMEOFFSET(DATEADD(YEAR, 1, SYSUTCDATETIME()), '+00:00') WHERE expires_at IS NULL;
GO
