-- One row per (event, party): each agency reads its own feed through ix_events_feed.
-- Sequence values are taken at insert, not at commit, so the feed orders by the writing
-- transaction's id (tx) and only returns rows of transactions older than every running one
-- (pg_snapshot_xmin): a transaction that commits late can never slip in behind a cursor.
CREATE TABLE events (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx              xid8        NOT NULL DEFAULT pg_current_xact_id(),
    event_id        uuid        NOT NULL,
    agency_id       uuid        NOT NULL REFERENCES agencies (id),
    type            varchar(40) NOT NULL,
    occurred_at     timestamptz NOT NULL,
    referral_id     uuid        NOT NULL REFERENCES referrals (id),
    case_id         uuid        NOT NULL REFERENCES cases (id),
    status          varchar(20) NOT NULL,
    version         integer     NOT NULL,
    actor_agency_id uuid        NOT NULL REFERENCES agencies (id)
);
CREATE UNIQUE INDEX ux_events_agency_event ON events (agency_id, event_id);
CREATE INDEX ix_events_feed ON events (agency_id, tx, seq);
