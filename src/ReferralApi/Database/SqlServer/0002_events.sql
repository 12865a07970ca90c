-- One row per (event, party): each agency reads its own feed through ix_events_feed.
-- rowversion is taken at insert, not at commit, so the feed only returns rows below
-- MIN_ACTIVE_ROWVERSION(): a transaction that commits late can never slip in behind a cursor.
CREATE TABLE events (
    seq             BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    rv              ROWVERSION        NOT NULL,
    event_id        UNIQUEIDENTIFIER  NOT NULL,
    agency_id       UNIQUEIDENTIFIER  NOT NULL REFERENCES agencies (id),
    type            NVARCHAR(40)      NOT NULL,
    occurred_at     DATETIMEOFFSET(6) NOT NULL,
    referral_id     UNIQUEIDENTIFIER  NOT NULL REFERENCES referrals (id),
    case_id         UNIQUEIDENTIFIER  NOT NULL REFERENCES cases (id),
    status          NVARCHAR(20)      NOT NULL,
    version         INT               NOT NULL,
    actor_agency_id UNIQUEIDENTIFIER  NOT NULL REFERENCES agencies (id)
);
GO
CREATE UNIQUE INDEX ux_events_agency_event ON events (agency_id, event_id);
GO
CREATE INDEX ix_events_feed ON events (agency_id, rv) INCLUDE (event_id, type, occurred_at, referral_id, case_id, status, version, actor_agency_id);
GO
