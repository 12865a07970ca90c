-- Subscriptions: event_types is ',type,type,' (or '' for every type) so the outbox insert can
-- match a type with one LIKE; secrets are AES-GCM ciphertexts bound to the row and column.
CREATE TABLE webhook_subscriptions (
    id                         uuid          NOT NULL PRIMARY KEY,
    agency_id                  uuid          NOT NULL REFERENCES agencies (id),
    url                        varchar(2048) NOT NULL,
    description                varchar(500)  NULL,
    event_types                varchar(1000) NOT NULL,
    status                     varchar(20)   NOT NULL,
    status_reason              varchar(40)   NULL,
    secret                     varchar(200)  NOT NULL,
    previous_secret            varchar(200)  NULL,
    previous_secret_expires_at timestamptz   NULL,
    created_at                 timestamptz   NOT NULL,
    updated_at                 timestamptz   NOT NULL
);
CREATE INDEX ix_webhook_subscriptions_agency ON webhook_subscriptions (agency_id, created_at, id);

-- The outbox: one row per (subscription, event), written in the event's transaction. The body is
-- rebuilt from events at send time, so no payload is stored here. seq is the claim key.
CREATE TABLE webhook_deliveries (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  uuid        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    agency_id        uuid        NOT NULL,
    event_id         uuid        NOT NULL,
    event_type       varchar(40) NOT NULL,
    status           varchar(20) NOT NULL,
    attempts         integer     NOT NULL,
    next_attempt_at  timestamptz NULL,
    locked_until     timestamptz NULL,
    lease_id         uuid        NULL,
    last_status_code integer     NULL,
    last_error       varchar(40) NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    delivered_at     timestamptz NULL
);
CREATE UNIQUE INDEX ux_webhook_deliveries_subscription_event ON webhook_deliveries (subscription_id, event_id);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_deliveries_lease ON webhook_deliveries (lease_id) WHERE lease_id IS NOT NULL;
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (subscription_id, seq);
