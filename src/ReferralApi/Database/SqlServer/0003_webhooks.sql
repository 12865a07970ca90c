-- Subscriptions: event_types is ',type,type,' (or '' for every type) so the outbox insert can
-- match a type with one LIKE; secrets are AES-GCM ciphertexts bound to the row and column.
CREATE TABLE webhook_subscriptions (
    id                         UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY,
    agency_id                  UNIQUEIDENTIFIER  NOT NULL REFERENCES agencies (id),
    url                        NVARCHAR(2048)    NOT NULL,
    description                NVARCHAR(500)     NULL,
    event_types                NVARCHAR(1000)    NOT NULL,
    status                     NVARCHAR(20)      NOT NULL,
    status_reason              NVARCHAR(40)      NULL,
    secret                     NVARCHAR(200)     NOT NULL,
    previous_secret            NVARCHAR(200)     NULL,
    previous_secret_expires_at DATETIMEOFFSET(6) NULL,
    created_at                 DATETIMEOFFSET(6) NOT NULL,
    updated_at                 DATETIMEOFFSET(6) NOT NULL
);
GO
CREATE INDEX ix_webhook_subscriptions_agency ON webhook_subscriptions (agency_id, created_at, id);
GO
-- The outbox: one row per (subscription, event), written in the event's transaction. The body is
-- rebuilt from events at send time, so no payload is stored here. seq is the claim key.
CREATE TABLE webhook_deliveries (
    seq              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    subscription_id  UNIQUEIDENTIFIER  NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    agency_id        UNIQUEIDENTIFIER  NOT NULL,
    event_id         UNIQUEIDENTIFIER  NOT NULL,
    event_type       NVARCHAR(40)      NOT NULL,
    status           NVARCHAR(20)      NOT NULL,
    attempts         INT               NOT NULL,
    next_attempt_at  DATETIMEOFFSET(6) NULL,
    locked_until     DATETIMEOFFSET(6) NULL,
    lease_id         UNIQUEIDENTIFIER  NULL,
    last_status_code INT               NULL,
    last_error       NVARCHAR(40)      NULL,
    created_at       DATETIMEOFFSET(6) NOT NULL,
    updated_at       DATETIMEOFFSET(6) NOT NULL,
    delivered_at     DATETIMEOFFSET(6) NULL
);
GO
CREATE UNIQUE INDEX ux_webhook_deliveries_subscription_event ON webhook_deliveries (subscription_id, event_id);
GO
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) INCLUDE (subscription_id, locked_until) WHERE status = N'pending';
GO
CREATE INDEX ix_webhook_deliveries_lease ON webhook_deliveries (lease_id) WHERE lease_id IS NOT NULL;
GO
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (subscription_id, seq);
GO
