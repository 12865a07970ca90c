-- Subscriptions: event_types is ',type,type,' (or '' for every type) so the outbox insert can
-- match a type with one LIKE; secrets are AES-GCM ciphertexts bound to the row and column.
CREATE TABLE webhook_subscriptions (
    id                         TEXT NOT NULL PRIMARY KEY,
    agency_id                  TEXT NOT NULL REFERENCES agencies (id),
    url                        TEXT NOT NULL,
    description                TEXT NULL,
    event_types                TEXT NOT NULL,
    status                     TEXT NOT NULL,
    status_reason              TEXT NULL,
    secret                     TEXT NOT NULL,
    previous_secret            TEXT NULL,
    previous_secret_expires_at TEXT NULL,
    created_at                 TEXT NOT NULL,
    updated_at                 TEXT NOT NULL
);
CREATE INDEX ix_webhook_subscriptions_agency ON webhook_subscriptions (agency_id, created_at, id);

-- The outbox: one row per (subscription, event), written in the event's transaction. The body is
-- rebuilt from events at send time, so no payload is stored here. seq is the claim key.
CREATE TABLE webhook_deliveries (
    seq              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    subscription_id  TEXT    NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    agency_id        TEXT    NOT NULL,
    event_id         TEXT    NOT NULL,
    event_type       TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TEXT    NULL,
    locked_until     TEXT    NULL,
    lease_id         TEXT    NULL,
    last_status_code INTEGER NULL,
    last_error       TEXT    NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    delivered_at     TEXT    NULL
);
CREATE UNIQUE INDEX ux_webhook_deliveries_subscription_event ON webhook_deliveries (subscription_id, event_id);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_deliveries_lease ON webhook_deliveries (lease_id) WHERE lease_id IS NOT NULL;
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (subscription_id, seq);
