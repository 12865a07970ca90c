-- The statements of one POST /v1/referrals (a new case, no webhook subscribers) as the API sends
-- them, in its order, for pgbench in prepared mode (scripts/bench-api.sh binds the -D variables:
-- key_prefix, key_id, from_agency, to_agency). Keep it true to the code: the benchmark lists the
-- statements each request really sent (pg_stat_statements) and says REPLAY DIFFERS when the count
-- does not match. Ids the API makes in memory are derived here from one random number per
-- transaction (md5 of it as a uuid), so that no statement is added to make them.
\set n random(1, 9000000000000000000)

-- authentication: nothing. The API keeps the key row it authenticated with (ApiKeyCache, cleared
-- by every key or agency change), so a key is looked up about once a second, not per request.

-- the idempotency claim, committed on its own
INSERT INTO idempotency_keys (scope_id, idempotency_key, request_hash, state, response_status, resource_id, created_at, expires_at)
VALUES (:from_agency, 'replay-' || CAST(:n AS text), '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        'pending', NULL, NULL, now(), now() + interval '1 day');

-- the effect, in one transaction
BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED;

SELECT id AS Id, code AS Code, name AS Name, sector AS Sector, region_code AS RegionCode, roles AS Roles,
       services AS Services, accepts_referrals AS AcceptsReferrals, capacity_status AS CapacityStatus,
       contact_email AS ContactEmail, contact_phone AS ContactPhone, active AS Active, created_at AS CreatedAt, updated_at AS UpdatedAt
FROM agencies WHERE id = :to_agency;

-- the referral's own rows: the API sends these five as one batch (one round trip), which a
-- pipeline does here
\startpipeline

INSERT INTO cases (id, opened_at, opened_by_agency_id) VALUES (CAST(md5('case' || CAST(:n AS text)) AS uuid), now(), :from_agency);

INSERT INTO referrals (id, case_id, previous_referral_id, from_agency_id, to_agency_id, external_reference, receiver_reference,
    status, version, urgency, violence_types, services_requested, trafficking, reason, incident_occurred_on, incident_region_code,
    incident_place, subject_initials, subject_full_name, subject_sex, subject_birth_date, subject_age_years, subject_national_id,
    subject_nationality, subject_phone, subject_address, subject_region_code, subject_disability, safe_contact_do_not_contact,
    safe_contact_preferred_channel, safe_contact_notes, legal_basis, consent_given_by, consent_obtained_at, consent_obtained_by,
    consent_scope, respond_by, created_at, updated_at)
VALUES (CAST(md5('referral' || CAST(:n AS text)) AS uuid), CAST(md5('case' || CAST(:n AS text)) AS uuid), NULL, :from_agency, :to_agency,
    NULL, NULL, 'sent', 1, 'urgent', '["physical"]', '["psychosocial"]', NULL, 'Benchmark referral.', NULL, NULL, NULL,
    'B.M.', NULL, 'female', NULL, 30, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, 'consent', 'subject', now() - interval '1 hour', 'Bench',
    'benchmark', now() + interval '1 day', now(), now());

INSERT INTO referral_status_changes (id, referral_id, status, at, by_agency_id, reason_code, reason, outcome, note)
VALUES (CAST(md5('status' || CAST(:n AS text)) AS uuid), CAST(md5('referral' || CAST(:n AS text)) AS uuid), 'sent', now(), :from_agency,
    NULL, NULL, NULL, NULL);

-- the event and its webhook deliveries
INSERT INTO events (event_id, agency_id, type, occurred_at, referral_id, case_id, status, version, actor_agency_id)
VALUES (CAST(md5('event' || CAST(:n AS text)) AS uuid), :from_agency, 'referral.created', now(), CAST(md5('referral' || CAST(:n AS text)) AS uuid),
        CAST(md5('case' || CAST(:n AS text)) AS uuid), 'sent', 1, :from_agency),
       (CAST(md5('event' || CAST(:n AS text)) AS uuid), :to_agency, 'referral.created', now(), CAST(md5('referral' || CAST(:n AS text)) AS uuid),
        CAST(md5('case' || CAST(:n AS text)) AS uuid), 'sent', 1, :from_agency);

INSERT INTO webhook_deliveries (subscription_id, agency_id, event_id, event_type, status, attempts, next_attempt_at, created_at, updated_at)
SELECT s.id, s.agency_id, CAST(md5('event' || CAST(:n AS text)) AS uuid), 'referral.created', 'pending', 0, now(), now(), now()
FROM webhook_subscriptions s
WHERE s.agency_id IN (:from_agency, :to_agency)
  AND s.status <> 'disabled'
  AND (s.event_types = '' OR s.event_types LIKE '%referral.created%' ESCAPE '\');

\endpipeline

INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id, person_sub, person_name)
SELECT r.at, r.agency_id, r.key_id, r.action, r.referral_id, r.correlation_id, r.person_sub, r.person_name
FROM unnest(ARRAY[now()], ARRAY[CAST(:from_agency AS uuid)], ARRAY[CAST(:key_id AS uuid)], ARRAY['create'],
            ARRAY[CAST(md5('referral' || CAST(:n AS text)) AS uuid)], ARRAY['replay-correlation-0000000000000000'],
            CAST(ARRAY[NULL] AS text[]), CAST(ARRAY[NULL] AS text[]))
    AS r (at, agency_id, key_id, action, referral_id, correlation_id, person_sub, person_name)
WHERE EXISTS (SELECT 1 FROM referrals f WHERE f.id = r.referral_id);

UPDATE idempotency_keys SET state = 'completed', response_status = 201, resource_id = CAST(md5('referral' || CAST(:n AS text)) AS uuid)
WHERE scope_id = :from_agency AND idempotency_key = 'replay-' || CAST(:n AS text) AND state = 'pending';

COMMIT;

-- the answer is made from the row inserted and the recipient read above: nothing is read back
