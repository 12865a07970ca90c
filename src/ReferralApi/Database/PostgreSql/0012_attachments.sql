-- Documents attached to a referral. A row is written when an upload starts and shows in the list
-- only once uploaded_at is set, after its last chunk was stored. file_name is sealed like every
-- free text; sha256 is of the plaintext. A deletion leaves the row as a tombstone (deleted_at/by)
-- and its chunks gone; retention erases the contents and the name (contents_erased_at).
CREATE TABLE attachments (
    id                    uuid         NOT NULL PRIMARY KEY,
    referral_id           uuid         NOT NULL REFERENCES referrals (id),
    kind                  varchar(40)  NOT NULL,
    file_name             text         NULL,
    content_type          varchar(100) NULL,
    size                  bigint       NOT NULL,
    sha256                char(64)     NULL,
    chunk_count           integer      NOT NULL,
    uploaded_by_agency_id uuid         NOT NULL REFERENCES agencies (id),
    started_at            timestamptz  NOT NULL,
    uploaded_at           timestamptz  NULL,
    deleted_at            timestamptz  NULL,
    deleted_by_agency_id  uuid         NULL REFERENCES agencies (id),
    contents_erased_at    timestamptz  NULL
);
CREATE INDEX ix_attachments_referral ON attachments (referral_id, id);
CREATE INDEX ix_attachments_started ON attachments (started_at) WHERE uploaded_at IS NULL;

-- The encrypted contents, 64 KiB of plaintext per chunk, each sealed with AES-256-GCM under the
-- key named by key_id: sealed is nonce (12 bytes) || ciphertext || tag (16 bytes).
CREATE TABLE attachment_chunks (
    attachment_id uuid        NOT NULL REFERENCES attachments (id),
    position      integer     NOT NULL,
    key_id        varchar(40) NOT NULL,
    sealed        bytea       NOT NULL,
    PRIMARY KEY (attachment_id, position)
);

-- referral.attachment_added and referral.attachment_deleted name the attachment and its kind.
ALTER TABLE events ADD COLUMN attachment_id uuid NULL, ADD COLUMN attachment_kind varchar(40) NULL;
