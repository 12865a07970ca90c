-- The person who acted with a token, beside the agency and key: the provider's subject id (sub,
-- an opaque identifier, stored as given) and the display name (personal data of staff, stored
-- sealed like the referrals' personal fields). NULL for requests made with an API key.
ALTER TABLE access_log ADD COLUMN person_sub varchar(200) NULL;
ALTER TABLE access_log ADD COLUMN person_name text NULL;
ALTER TABLE referral_status_changes ADD COLUMN person_sub varchar(200) NULL;
ALTER TABLE referral_status_changes ADD COLUMN person_name text NULL;
ALTER TABLE referral_notes ADD COLUMN person_sub varchar(200) NULL;
ALTER TABLE referral_notes ADD COLUMN person_name text NULL;
ALTER TABLE admin_audit_log ADD COLUMN person_sub varchar(200) NULL;
ALTER TABLE admin_audit_log ADD COLUMN person_name text NULL;

-- The logs stay append-only, with one exception the re-encryption after a key rotation needs: a
-- sealed name may be sealed again under another key. Every other column must stay as it was
-- (compared whole, so a column added later is covered too), and a name can be neither added nor
-- removed. DELETE and TRUNCATE are refused as before.
CREATE FUNCTION access_log_reseal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.person_name IS NOT NULL AND NEW.person_name IS NOT NULL
       AND (to_jsonb(NEW) - 'person_name') = (to_jsonb(OLD) - 'person_name') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'access_log is append-only';
END;
$$;

DROP TRIGGER access_log_no_change ON access_log;
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_reseal_only();

CREATE FUNCTION admin_audit_log_reseal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.person_name IS NOT NULL AND NEW.person_name IS NOT NULL
       AND (to_jsonb(NEW) - 'person_name') = (to_jsonb(OLD) - 'person_name') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'admin_audit_log is append-only';
END;
$$;

DROP TRIGGER admin_audit_log_no_change ON admin_audit_log;
CREATE TRIGGER admin_audit_log_no_change BEFORE UPDATE OR DELETE ON admin_audit_log
    FOR EACH ROW EXECUTE FUNCTION admin_audit_log_reseal_only();
