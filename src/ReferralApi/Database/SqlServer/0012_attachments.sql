-- Documents attached to a referral. A row is written when an upload starts and shows in the list
-- only once uploaded_at is set, after its last chunk was stored. file_name is sealed like every
-- free text; sha256 is of the plaintext. A deletion leaves the row as a tombstone (deleted_at/by)
-- and its chunks gone; retention erases the contents and the name (contents_erased_at).
CREATE TABLE attachments (
    id                    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT attachments_pkey PRIMARY KEY NONCLUSTERED,
    referral_id           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT attachments_referral_id_fkey REFERENCES referrals (id),
    kind                  NVARCHAR(40)      NOT NULL,
    file_name             NVARCHAR(MAX)     NULL,
    content_type          NVARCHAR(100)     NULL,
    size                  BIGINT            NOT NULL,
    sha256                NVARCHAR(64)      NULL,
    chunk_count           INT               NOT NULL,
    uploaded_by_agency_id UNIQUEIDENTIFIER  NOT NULL CONSTRAINT attachments_uploaded_by_agency_id_fkey REFERENCES agencies (id),
    started_at            DATETIMEOFFSET(6) NOT NULL,
    uploaded_at           DATETIMEOFFSET(6) NULL,
    deleted_at            DATETIMEOFFSET(6) NULL,
    deleted_by_agency_id  UNIQUEIDENTIFIER  NULL CONSTRAINT attachments_deleted_by_agency_id_fkey REFERENCES agencies (id),
    contents_erased_at    DATETIMEOFFSET(6) NULL
);
GO
CREATE UNIQUE CLUSTERED INDEX ix_attachments_referral ON attachments (referral_id, id);
GO
CREATE INDEX ix_attachments_started ON attachments (started_at, uploaded_at) WHERE uploaded_at IS NULL;
GO
-- The encrypted contents, 64 KiB of plaintext per chunk, each sealed with AES-256-GCM under the
-- key named by key_id: sealed is nonce (12 bytes) || ciphertext || tag (16 bytes).
CREATE TABLE attachment_chunks (
    attachment_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT attachment_chunks_attachment_id_fkey REFERENCES attachments (id),
    position      INT              NOT NULL,
    key_id        NVARCHAR(40)     NOT NULL,
    sealed        VARBINARY(MAX)   NOT NULL,
    CONSTRAINT attachment_chunks_pkey PRIMARY KEY (attachment_id, position)
);
GO
-- referral.attachment_added and referral.attachment_deleted name the attachment and its kind.
ALTER TABLE events ADD attachment_id UNIQUEIDENTIFIER NULL, attachment_kind NVARCHAR(40) NULL;
GO
