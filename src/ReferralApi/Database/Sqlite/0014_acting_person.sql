-- The person who acted with a token, beside the agency and key: the provider's subject id (sub,
-- an opaque identifier, stored as given) and the display name (personal data of staff, stored
-- sealed like the referrals' personal fields). NULL for requests made with an API key.
ALTER TABLE access_log ADD COLUMN person_sub TEXT NULL;
ALTER TABLE access_log ADD COLUMN person_name TEXT NULL;
ALTER TABLE referral_status_changes ADD COLUMN person_sub TEXT NULL;
ALTER TABLE referral_status_changes ADD COLUMN person_name TEXT NULL;
ALTER TABLE referral_notes ADD COLUMN person_sub TEXT NULL;
ALTER TABLE referral_notes ADD COLUMN person_name TEXT NULL;
ALTER TABLE admin_audit_log ADD COLUMN person_sub TEXT NULL;
ALTER TABLE admin_audit_log ADD COLUMN person_name TEXT NULL;

-- The logs stay append-only, with one exception the re-encryption after a key rotation needs: a
-- sealed name may be sealed again under another key. Every other column must stay as it was, and
-- a name can be neither added nor removed. A column added to these tables later must be added to
-- these lists. DELETE is refused as before.
DROP TRIGGER access_log_no_update;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
WHEN NOT (NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.agency_id IS OLD.agency_id AND NEW.key_id IS OLD.key_id
          AND NEW.action IS OLD.action AND NEW.referral_id IS OLD.referral_id AND NEW.correlation_id IS OLD.correlation_id
          AND NEW.person_sub IS OLD.person_sub AND OLD.person_name IS NOT NULL AND NEW.person_name IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;

DROP TRIGGER admin_audit_log_no_update;
CREATE TRIGGER admin_audit_log_no_update BEFORE UPDATE ON admin_audit_log
WHEN NOT (NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.admin_key IS OLD.admin_key AND NEW.action IS OLD.action
          AND NEW.target_id IS OLD.target_id AND NEW.status IS OLD.status AND NEW.correlation_id IS OLD.correlation_id
          AND NEW.person_sub IS OLD.person_sub AND OLD.person_name IS NOT NULL AND NEW.person_name IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'admin_audit_log is append-only');
END;
