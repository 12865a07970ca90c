-- When the referral.overdue event was written. The escalation job claims a referral by setting it
-- only while it is NULL, in the transaction that appends the event, so however many instances
-- run, each overdue referral is announced once.
ALTER TABLE referrals ADD overdue_notified_at DATETIMEOFFSET(6) NULL;
GO

-- The job's scan: referrals still awaiting an answer and not yet announced, by deadline. A row
-- leaves the filtered index when it is answered or announced, so the index stays small.
CREATE INDEX ix_referrals_awaiting_answer ON referrals (respond_by, id)
    WHERE overdue_notified_at IS NULL AND status IN (N'sent', N'received');
GO
