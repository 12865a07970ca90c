-- The statements of one GET /v1/referrals/{id}/status as the API sends them, in its order, for
-- pgbench in prepared mode (scripts/bench-api.sh binds the -D variables: key_prefix, key_id,
-- from_agency, referral_id). Keep it true to the code: the benchmark lists the statements each
-- request really sent (pg_stat_statements) and says REPLAY DIFFERS when the count does not match.
-- Each statement here runs in autocommit, as in the API (one pooled connection per request; the
-- access-log row is committed with other reads' rows there, alone here).

-- authentication: the key row behind the presented key
SELECT k.id AS KeyId, k.agency_id AS AgencyId, k.key_hash AS KeyHash, k.expires_at AS ExpiresAt,
       k.revoked_at AS RevokedAt, k.last_used_at AS LastUsedAt, k.permissions AS Permissions, a.roles AS Roles, a.active AS AgencyActive
FROM api_keys k
JOIN agencies a ON a.id = k.agency_id
WHERE k.prefix = :key_prefix;

-- the referral's status and version, if the caller is party to it
SELECT id AS Id, status AS Status, version AS Version, updated_at AS UpdatedAt FROM referrals
WHERE id = :referral_id AND (from_agency_id = :from_agency OR to_agency_id = :from_agency);

-- its status history
SELECT id AS Id, referral_id AS ReferralId, status AS Status, at AS At, by_agency_id AS ByAgencyId,
       reason_code AS ReasonCode, reason AS Reason, outcome AS Outcome, note AS Note
FROM referral_status_changes WHERE referral_id = :referral_id ORDER BY at, id;

-- the access-log row of the read
INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id)
SELECT now(), CAST(:from_agency AS uuid), CAST(:key_id AS uuid), 'read_status', id, 'replay-correlation-0000000000000000'
FROM referrals WHERE id = ANY(ARRAY[CAST(:referral_id AS uuid)]);
