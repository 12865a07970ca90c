-- The statements of one GET /v1/referrals/{id}/status as the API sends them, in its order, for
-- pgbench in prepared mode (scripts/bench-api.sh binds the -D variables: key_prefix, key_id,
-- from_agency, referral_id). Keep it true to the code: the benchmark lists the statements each
-- request really sent (pg_stat_statements) and says REPLAY DIFFERS when the count does not match.
-- Each statement here runs in autocommit, as each ran on its own pooled connection in the API.

-- authentication: the key row behind the presented key
SELECT k.id AS KeyId, k.agency_id AS AgencyId, k.key_hash AS KeyHash, k.expires_at AS ExpiresAt,
       k.revoked_at AS RevokedAt, k.last_used_at AS LastUsedAt, a.roles AS Roles, a.active AS AgencyActive
FROM api_keys k
JOIN agencies a ON a.id = k.agency_id
WHERE k.prefix = :key_prefix;

-- the referral, if the caller is party to it
SELECT id AS Id, case_id AS CaseId, previous_referral_id AS PreviousReferralId, from_agency_id AS FromAgencyId,
       to_agency_id AS ToAgencyId, external_reference AS ExternalReference, receiver_reference AS ReceiverReference,
       status AS Status, version AS Version, urgency AS Urgency, violence_types AS ViolenceTypes,
       services_requested AS ServicesRequested, trafficking AS Trafficking, reason AS Reason,
       incident_occurred_on AS IncidentOccurredOn, incident_region_code AS IncidentRegionCode, incident_place AS IncidentPlace,
       subject_initials AS SubjectInitials, subject_full_name AS SubjectFullName, subject_sex AS SubjectSex,
       subject_birth_date AS SubjectBirthDate, subject_age_years AS SubjectAgeYears, subject_national_id AS SubjectNationalId,
       subject_nationality AS SubjectNationality, subject_phone AS SubjectPhone, subject_address AS SubjectAddress,
       subject_region_code AS SubjectRegionCode, subject_disability AS SubjectDisability,
       safe_contact_do_not_contact AS SafeContactDoNotContact, safe_contact_preferred_channel AS SafeContactPreferredChannel,
       safe_contact_notes AS SafeContactNotes, legal_basis AS LegalBasis, consent_given_by AS ConsentGivenBy,
       consent_obtained_at AS ConsentObtainedAt, consent_obtained_by AS ConsentObtainedBy, consent_scope AS ConsentScope,
       respond_by AS RespondBy, created_at AS CreatedAt, updated_at AS UpdatedAt
FROM referrals WHERE id = :referral_id AND (from_agency_id = :from_agency OR to_agency_id = :from_agency);

-- its status history
SELECT id AS Id, referral_id AS ReferralId, status AS Status, at AS At, by_agency_id AS ByAgencyId,
       reason_code AS ReasonCode, reason AS Reason, outcome AS Outcome, note AS Note
FROM referral_status_changes WHERE referral_id = :referral_id ORDER BY at, id;

-- the access-log row of the read
INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id)
SELECT now(), CAST(:from_agency AS uuid), CAST(:key_id AS uuid), 'read_status', id, 'replay-correlation-0000000000000000'
FROM referrals WHERE id = ANY(ARRAY[CAST(:referral_id AS uuid)]);
