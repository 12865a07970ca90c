-- Finished deliveries (delivered or failed) by when they finished, for the retention purge:
-- it finds old rows without scanning the outbox, and pending rows never enter this index.
CREATE INDEX ix_webhook_deliveries_finished ON webhook_deliveries (updated_at) WHERE status <> 'pending';
