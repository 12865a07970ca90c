-- API instances keep the key rows they authenticated with for a moment (ApiKeyCache). Every change
-- that can end or narrow what a key may do tells them, whoever makes it: another instance, a
-- script, an operator at psql. NOTIFY is delivered when the changing transaction commits, never
-- if it rolls back. Recording a key's last use (last_used_at) and taking an agency's write lock
-- (updated_at) are not such changes, so they notify no one.
CREATE FUNCTION notify_api_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('api_key_changes', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_keys_changed
    AFTER UPDATE OF id, agency_id, prefix, key_hash, expires_at, revoked_at, permissions OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION notify_api_key_change();

CREATE TRIGGER agencies_changed
    AFTER UPDATE OF id, roles, active OR DELETE OR TRUNCATE ON agencies
    FOR EACH STATEMENT EXECUTE FUNCTION notify_api_key_change();
