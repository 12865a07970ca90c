-- The statements of one GET /v1/referrals/{id}/status as the API sends them, in its order, for
-- pgbench in prepared mode (scripts/bench-api.sh binds the -D variables: key_prefix, key_id,
-- from_agency, referral_id). Keep it true to the code: the benchmark lists the statements each
-- request really sent (pg_stat_statements) and says REPLAY DIFFERS when the count does not match.
-- Each statement here runs in autocommit, as in the API (one pooled connection per request; the
-- access-log row is committed with other reads' rows there, alone here).

-- authentication: nothing. The API keeps the key row it authenticated with (ApiKeyCache, cleared
-- by every key or agency change), so a key is looked up about once a second, not per request.

-- the referral's status, version and history, if the caller is party to it
SELECT r.status AS ReferralStatus, r.version AS ReferralVersion, r.updated_at AS ReferralUpdatedAt,
       h.id AS Id, h.referral_id AS ReferralId, h.status AS Status, h.at AS At, h.by_agency_id AS ByAgencyId,
       h.reason_code AS ReasonCode, h.reason AS Reason, h.outcome AS Outcome, h.note AS Note,
       h.person_sub AS PersonSub, h.person_name AS PersonName
FROM referrals r
JOIN referral_status_changes h ON h.referral_id = r.id
WHERE r.id = :referral_id AND (r.from_agency_id = :from_agency OR r.to_agency_id = :from_agency)
ORDER BY h.at, h.id;

-- the access-log row of the read (the API sends many reads' rows as one such statement)
INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id, person_sub, person_name)
SELECT r.at, r.agency_id, r.key_id, r.action, r.referral_id, r.correlation_id, r.person_sub, r.person_name
FROM unnest(ARRAY[now()], ARRAY[CAST(:from_agency AS uuid)], ARRAY[CAST(:key_id AS uuid)], ARRAY['read_status'],
            ARRAY[CAST(:referral_id AS uuid)], ARRAY['replay-correlation-0000000000000000'],
            CAST(ARRAY[NULL] AS text[]), CAST(ARRAY[NULL] AS text[]))
    AS r (at, agency_id, key_id, action, referral_id, correlation_id, person_sub, person_name)
WHERE EXISTS (SELECT 1 FROM referrals f WHERE f.id = r.referral_id);
