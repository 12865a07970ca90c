-- Keys manage keys only with the 'keys' permission, every key expires, and the list shows which
-- key created which. Keys issued before this change get no permission (the admin issues a
-- managing key) and expire one year after the upgrade if they had no expiry.
ALTER TABLE api_keys ADD COLUMN permissions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE api_keys ADD COLUMN created_by_key_id TEXT NULL;
UPDATE api_keys SET expires_at = strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now', '+1 year') WHERE expires_at IS NULL;
