-- Keys manage keys only with the 'keys' permission, every key expires, and the list shows which
-- key created which. Keys issued before this change get no permission (the admin issues a
-- managing key) and expire one year after the upgrade if they had no expiry.
ALTER TABLE api_keys
    ADD COLUMN permissions text NOT NULL DEFAULT '[]',
    ADD COLUMN created_by_key_id uuid NULL;
UPDATE api_keys SET expires_at = now() + interval '1 year' WHERE expires_at IS NULL;
