-- Documents attached to a referral. A row is written when an upload starts and shows in the list
-- only once uploaded_at is set, after its last chunk was stored. file_name is sealed like every
-- free text; sha256 is of the plaintext. A deletion leaves the row as a tombstone (deleted_at/by)
-- and its chunks gone; retention erases the contents and the name (contents_erased_at).
CREATE TABLE attachments (
    id                    TEXT    NOT NULL PRIMARY KEY,
    referral_id           TEXT    NOT NULL REFERENCES referrals (id),
    kind                  TEXT    NOT NULL,
    file_name             TEXT    NULL,
    content_type          TEXT    NULL,
    size                  INTEGER NOT NULL,
    sha256                TEXT    NULL,
    chunk_count           INTEGER NOT NULL,
    uploaded_by_agency_id TEXT    NOT NULL REFERENCES agencies (id),
    started_at            TEXT    NOT NULL,
    uploaded_at           TEXT    NULL,
    deleted_at            TEXT    NULL,
    deleted_by_agency_id  TEXT    NULL REFERENCES agencies (id),
    contents_erased_at    TEXT    NULL
);
CREATE INDEX ix_attachments_referral ON attachments (referral_id, id);
CREATE INDEX ix_attachments_started ON attachments (started_at) WHERE uploaded_at IS NULL;

-- The encrypted contents, 64 KiB of plaintext per chunk, each sealed with AES-256-GCM under the
-- key named by key_id: sealed is nonce (12 bytes) || ciphertext || tag (16 bytes).
CREATE TABLE attachment_chunks (
    attachment_id TEXT    NOT NULL REFERENCES attachments (id),
    position      INTEGER NOT NULL,
    key_id        TEXT    NOT NULL,
    sealed        BLOB    NOT NULL,
    PRIMARY KEY (attachment_id, position)
);

-- referral.attachment_added and referral.attachment_deleted name the attachment and its kind.
ALTER TABLE events ADD COLUMN attachment_id TEXT NULL;
ALTER TABLE events ADD COLUMN attachment_kind TEXT NULL;
