-- Retention clears a referral's withdrawal notes by referral_id; without this index each erasure
-- scans the whole table.
CREATE INDEX ix_consent_withdrawals_referral ON consent_withdrawals (referral_id);
GO
-- A filtered index carries the columns of its own filter: otherwise SQL Server looks each row up
-- in the table to re-check the filter's conditions, and the small index saves nothing.
CREATE INDEX ix_referrals_awaiting_answer ON referrals (respond_by, id) INCLUDE (overdue_notified_at, status)
    WHERE overdue_notified_at IS NULL AND status IN (N'sent', N'received')
    WITH (DROP_EXISTING = ON);
GO
CREATE INDEX ix_referrals_unerased ON referrals (status, id) INCLUDE (personal_data_erased_at)
    WHERE personal_data_erased_at IS NULL
    WITH (DROP_EXISTING = ON);
GO
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) INCLUDE (subscription_id, locked_until, status)
    WHERE status = N'pending'
    WITH (DROP_EXISTING = ON);
GO
CREATE INDEX ix_webhook_deliveries_finished ON webhook_deliveries (updated_at) INCLUDE (status)
    WHERE status <> N'pending'
    WITH (DROP_EXISTING = ON);
GO
-- An INSTEAD OF trigger fires even when a statement matches no row; refusing then would fail a
-- harmless statement (a guarded delete that finds nothing). Only a real change is refused.
ALTER TRIGGER access_log_append_only ON access_log INSTEAD OF UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted) RETURN;
    THROW 51000, N'access_log is append-only', 1;
END;
GO
-- 0002 and 0003 left their primary and foreign keys unnamed, so SQL Server made up names
-- (PK__events__...). They take PostgreSQL's names here, like every constraint of the other scripts.
-- A key is found by its table (and column, for a foreign key), so the batch is safe to repeat.
DECLARE @names TABLE (table_name SYSNAME NOT NULL, column_name SYSNAME NULL, constraint_name SYSNAME NOT NULL);
INSERT INTO @names (table_name, column_name, constraint_name) VALUES
    (N'events', NULL, N'events_pkey'),
    (N'events', N'agency_id', N'events_agency_id_fkey'),
    (N'events', N'referral_id', N'events_referral_id_fkey'),
    (N'events', N'case_id', N'events_case_id_fkey'),
    (N'events', N'actor_agency_id', N'events_actor_agency_id_fkey'),
    (N'webhook_subscriptions', NULL, N'webhook_subscriptions_pkey'),
    (N'webhook_subscriptions', N'agency_id', N'webhook_subscriptions_agency_id_fkey'),
    (N'webhook_deliveries', NULL, N'webhook_deliveries_pkey'),
    (N'webhook_deliveries', N'subscription_id', N'webhook_deliveries_subscription_id_fkey');

DECLARE @current NVARCHAR(600), @wanted SYSNAME;
DECLARE renames CURSOR LOCAL FAST_FORWARD FOR
    SELECT QUOTENAME(SCHEMA_NAME(k.schema_id)) + N'.' + QUOTENAME(k.name), n.constraint_name
    FROM @names n
    JOIN sys.key_constraints k ON k.parent_object_id = OBJECT_ID(n.table_name) AND k.type = 'PK'
    WHERE n.column_name IS NULL AND k.name <> n.constraint_name
    UNION ALL
    SELECT QUOTENAME(SCHEMA_NAME(f.schema_id)) + N'.' + QUOTENAME(f.name), n.constraint_name
    FROM @names n
    JOIN sys.foreign_key_columns c ON c.parent_object_id = OBJECT_ID(n.table_name)
        AND c.parent_column_id = COLUMNPROPERTY(OBJECT_ID(n.table_name), n.column_name, 'ColumnId')
    JOIN sys.foreign_keys f ON f.object_id = c.constraint_object_id
    WHERE n.column_name IS NOT NULL AND f.name <> n.constraint_name;
OPEN renames;
FETCH NEXT FROM renames INTO @current, @wanted;
WHILE @@FETCH_STATUS = 0
BEGIN
    EXEC sp_rename @objname = @current, @newname = @wanted, @objtype = N'OBJECT';
    FETCH NEXT FROM renames INTO @current, @wanted;
END;
CLOSE renames;
DEALLOCATE renames;
GO
