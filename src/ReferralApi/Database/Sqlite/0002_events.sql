-- One row per (event, party): each agency reads its own feed through ix_events_feed.
-- SQLite has a single writer, so seq order is commit order and a plain seq cursor never skips.
CREATE TABLE events (
    seq             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT    NOT NULL,
    agency_id       TEXT    NOT NULL REFERENCES agencies (id),
    type            TEXT    NOT NULL,
    occurred_at     TEXT    NOT NULL,
    referral_id     TEXT    NOT NULL REFERENCES referrals (id),
    case_id         TEXT    NOT NULL REFERENCES cases (id),
    status          TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    actor_agency_id TEXT    NOT NULL REFERENCES agencies (id)
);
CREATE UNIQUE INDEX ux_events_agency_event ON events (agency_id, event_id);
CREATE INDEX ix_events_feed ON events (agency_id, seq);
