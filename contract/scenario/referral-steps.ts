// One referral's whole life between two demo agencies, an onward referral forming a case, a
// consent withdrawal, notes, legal hold, the access log, the event feed and the oversight report.
import { firstItem, type Recorder } from "./recorder.js";
import type { Keys } from "./keys.js";

export interface ReferralIds {
  referralId: string;
  receiverId: string;
  komnasId: string;
}

export function newReferral(toAgencyId: string, externalReference: string): Record<string, unknown> {
  return {
    toAgencyId,
    externalReference,
    urgency: "urgent",
    violenceTypes: ["sexual", "trafficking"],
    trafficking: { purposes: ["sexual_exploitation"], modes: ["fake_internship"], crossBorder: true, borderPost: "entikong" },
    servicesRequested: ["psychosocial", "safe_house"],
    reason: "Returned through Entikong; needs a safe house and counselling.",
    incident: { occurredOn: "2026-11-20", regionCode: "61.03", place: "household" },
    subject: {
      initials: "S.A.", fullName: "Siti A.", sex: "female", ageYears: 19, nationality: "ID", regionCode: "61.03",
      safeContact: { preferredChannel: "phone", doNotContact: false, notes: "Call the shelter, not the family." },
    },
    legalBasis: "consent",
    consent: { givenBy: "subject", obtainedAt: "2026-11-27T08:00:00Z", obtainedBy: "Bripka R.", scope: "recovery services" },
  };
}

export async function referralLife(r: Recorder, k: Keys): Promise<ReferralIds> {
  await r.send({ label: "liveness", method: "GET", path: "/health/live", expect: 200 });
  await r.send({ label: "readiness", method: "GET", path: "/health/ready", expect: 200 });
  await r.send({ label: "vocabularies", method: "GET", path: "/v1/vocabularies", expect: 200 });
  await r.send({ label: "who am I", method: "GET", path: "/v1/me", key: k.polda, expect: 200 });
  const receiverId = firstItem(await r.send({ label: "find the receiver", method: "GET", path: "/v1/agencies?q=UPTD-PPA-KALBAR&limit=5", key: k.polda, expect: 200 }), "id");
  const komnasId = firstItem(await r.send({ label: "find oversight", method: "GET", path: "/v1/agencies?q=KOMNAS-PEREMPUAN", key: k.polda, expect: 200 }), "id");
  await r.send({ label: "directory filters", method: "GET", path: "/v1/agencies?service=safe_house&sector=women_child_protection&regionCode=61.01&capacityStatus=open,limited", key: k.polda, expect: 200 });
  await r.send({ label: "one agency", method: "GET", path: `/v1/agencies/${receiverId}`, key: k.polda, expect: 200 });

  const body = newReferral(receiverId, "LP/123/XI/2026/POLDA");
  const create = { label: "the police send a referral", method: "POST", path: "/v1/referrals", key: k.polda, body, headers: { "Idempotency-Key": "scenario-referral-1" }, expect: 201 } as const;
  const referralId = await r.sendFor(create, "id");
  await r.send({ ...create, label: "a retry replays the first answer" });
  await r.send({ ...create, label: "the key reused with another body", body: { ...body, reason: "Another reason." }, expect: 422 });

  await r.send({ label: "the receiver's inbox", method: "GET", path: "/v1/referrals?box=inbox&status=sent&urgency=urgent&limit=10", key: k.uptd, expect: 200 });
  await r.send({ label: "the sender's outbox", method: "GET", path: "/v1/referrals?box=outbox&overdue=false&updatedAfter=2026-01-01T00:00:00Z", key: k.polda, expect: 200 });
  await r.send({ label: "the receiver reads it", method: "GET", path: `/v1/referrals/${referralId}`, key: k.uptd, expect: 200 });
  const ack = `/v1/referrals/${referralId}/acknowledgement`;
  await r.send({ label: "receipt acknowledged", method: "POST", path: ack, key: k.uptd, headers: { "If-Match": '"1"' }, body: { decision: "received", note: "Seen by the duty officer." }, expect: 200 });
  await r.send({ label: "a stale If-Match", method: "POST", path: ack, key: k.uptd, headers: { "If-Match": '"1"' }, body: { decision: "accepted" }, expect: 412 });
  await r.send({ label: "accepted", method: "POST", path: ack, key: k.uptd, body: { decision: "accepted", receiverReference: "UPTD/2026/0456" }, expect: 200 });
  await r.send({ label: "acknowledging again is not a move", method: "POST", path: ack, key: k.uptd, body: { decision: "received" }, expect: 409 });

  const status = `/v1/referrals/${referralId}/status`;
  await r.send({ label: "services start", method: "POST", path: status, key: k.uptd, body: { status: "in_progress" }, expect: 200 });
  await r.send({ label: "on hold", method: "POST", path: status, key: k.uptd, body: { status: "on_hold", reasonCode: "subject_unreachable", reason: "Phone off." }, expect: 200 });
  await r.send({ label: "services resume", method: "POST", path: status, key: k.uptd, body: { status: "in_progress" }, expect: 200 });

  const notes = `/v1/referrals/${referralId}/notes`;
  await r.send({ label: "the sender adds a note", method: "POST", path: notes, key: k.polda, headers: { "Idempotency-Key": "scenario-note-1" }, body: { text: "Hearing set for 3 December." }, expect: 201 });
  await r.send({ label: "the receiver reads the notes", method: "GET", path: `${notes}?limit=20`, key: k.uptd, expect: 200 });
  await r.send({ label: "legal hold set", method: "PUT", path: `/v1/referrals/${referralId}/legal-hold`, key: k.polda, body: { legalHold: true }, expect: 200 });
  await r.send({ label: "legal hold read", method: "GET", path: `/v1/referrals/${referralId}/legal-hold`, key: k.uptd, expect: 200 });
  await r.send({ label: "the admin confirms the hold", method: "PUT", path: `/v1/admin/referrals/${referralId}/legal-hold`, key: k.admin, body: { legalHold: true }, expect: 200 });

  const onward = {
    ...newReferral(await agencyId(r, k, "RSUD-SOEDARSO"), "UPTD/ONWARD/1"),
    servicesRequested: ["medical"], previousReferralId: referralId, legalBasis: "legal_obligation", consent: undefined,
  };
  const onwardId = await r.sendFor({ label: "an onward referral to the hospital", method: "POST", path: "/v1/referrals", key: k.uptd, body: onward, expect: 201 }, "id");
  const caseId = await r.sendFor({ label: "the hospital reads it", method: "GET", path: `/v1/referrals/${onwardId}`, key: k.rsud, expect: 200 }, "caseId");
  await r.send({ label: "the case chain", method: "GET", path: `/v1/cases/${caseId}`, key: k.uptd, expect: 200 });

  await r.send({ label: "services complete", method: "POST", path: status, key: k.uptd, body: { status: "completed", outcome: "Counselling completed; returned to family." }, expect: 200 });
  await r.send({ label: "the history", method: "GET", path: status, key: k.polda, expect: 200 });
  await r.send({ label: "the access log", method: "GET", path: `/v1/referrals/${referralId}/access-log?limit=50`, key: k.polda, expect: 200 });

  const second = await r.sendFor({ label: "a referral on consent", method: "POST", path: "/v1/referrals", key: k.polda, body: newReferral(receiverId, "LP/124/XI/2026/POLDA"), expect: 201 }, "id");
  await r.send({ label: "the subject withdraws consent", method: "POST", path: `/v1/referrals/${second}/consent-withdrawal`, key: k.polda, headers: { "Idempotency-Key": "scenario-withdrawal-1" }, body: { recordedAt: "2026-11-28T09:00:00Z", note: "Withdrew by phone." }, expect: 200 });

  const batch = [newReferral(receiverId, "LP/200/XI/2026/POLDA"), newReferral(receiverId, "LP/201/XI/2026/POLDA")];
  await r.send({ label: "a batch as a JSON array", method: "POST", path: "/v1/referrals/batch", key: k.polda, body: batch, headers: { "Idempotency-Key": "scenario-batch-1" }, expect: 200 });
  await r.send({ label: "the same file again, as NDJSON", method: "POST", path: "/v1/referrals/batch", key: k.polda, rawBody: batch.map((item) => JSON.stringify(item)).join("\n") + "\n", contentType: "application/x-ndjson", expect: 200 });

  await r.send({ label: "the nightly export, NDJSON", method: "GET", path: "/v1/referrals/export?box=inbox&updatedAfter=2026-01-01T00:00:00Z&status=sent,received", key: k.uptd, headers: { Accept: "application/x-ndjson" }, expect: 200 });
  await r.send({ label: "the export as CSV, in Indonesian", method: "GET", path: "/v1/referrals/export?box=outbox&updatedBefore=2100-01-01T00:00:00Z", key: k.polda, headers: { Accept: "text/csv", "Accept-Language": "id" }, expect: 200 });

  await r.send({ label: "the event feed", method: "GET", path: "/v1/events?limit=100", key: k.uptd, expect: 200 });
  await r.send({ label: "the event feed, some types", method: "GET", path: "/v1/events?types=referral.accepted,referral.created&limit=5", key: k.polda, expect: 200 });
  await r.send({ label: "the oversight report", method: "GET", path: "/v1/reports/summary?from=2026-01-01&regionCode=61&groupBy=month", key: k.komnas, expect: 200 });
  await r.send({ label: "the SIMFONI-PPA month for oversight", method: "GET", path: "/v1/reports/simfoni?year=2026&month=11", key: k.komnas, expect: 200 });
  await r.send({ label: "an agency's SIMFONI-PPA month as CSV", method: "GET", path: "/v1/reports/simfoni?year=2026&month=11", key: k.uptd, headers: { Accept: "text/csv" }, expect: 200 });
  await r.send({ label: "an agency's own report", method: "GET", path: "/v1/reports/summary?from=2026-01-01T00:00:00Z&sector=police", key: k.polda, expect: 200 });
  await r.send({ label: "the hospital is full", method: "PATCH", path: "/v1/me/agency", key: k.rsud, body: { capacityStatus: "limited" }, expect: 200 });
  return { referralId, receiverId, komnasId };
}

export async function agencyId(r: Recorder, k: Keys, code: string): Promise<string> {
  return firstItem(await r.send({ label: `find ${code}`, method: "GET", path: `/v1/agencies?q=${code}`, key: k.polda, expect: 200 }), "id");
}
