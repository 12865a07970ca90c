// One referral's life written as an integrator would, with a client generated from the published
// document by openapi-typescript and called through openapi-fetch. It must compile under
// `strict` without a single cast (check-no-casts.ts), then run against the API and agree with it.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/referral-api.js";
import { readKeys, required } from "../scenario/keys.js";

type CreateReferral = components["schemas"]["CreateReferralRequest"];

const baseUrl = required("CONTRACT_API_URL");
const keys = readKeys(required("CONTRACT_KEYS_FILE"), required("CONTRACT_ADMIN_KEY"));
const police = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${keys.polda}` } });
const shelter = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${keys.uptd}` } });

let checks = 0;
function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`typescript client: ${what}`);
  checks++;
}

const found = await police.GET("/v1/agencies", { params: { query: { q: "UPTD-PPA-KALBAR", limit: 5 } } });
const receiver = found.data?.items[0];
check(receiver !== undefined && receiver.code === "UPTD-PPA-KALBAR", "the directory finds UPTD PPA Kalbar");

const referral: CreateReferral = {
  toAgencyId: receiver.id,
  externalReference: `LP/TS/${Date.now()}`,
  urgency: "urgent",
  violenceTypes: ["sexual", "trafficking"],
  servicesRequested: ["psychosocial", "safe_house"],
  reason: "Returned through Entikong; needs a safe house and counselling.",
  subject: { initials: "S.A.", fullName: "Siti A.", sex: "female", ageYears: 19 },
  legalBasis: "consent",
  consent: { givenBy: "subject", obtainedAt: "2026-11-27T08:00:00Z", obtainedBy: "Bripka R.", scope: "recovery services" },
};
const idempotencyKey = `ts-client-${Date.now()}`;
const created = await police.POST("/v1/referrals", { params: { header: { "Idempotency-Key": idempotencyKey } }, body: referral });
check(created.response.status === 201 && created.data !== undefined, `the police send a referral (got ${created.response.status})`);
const id = created.data.id;
check(created.data.status === "sent" && created.data.version === 1, "a new referral is sent, version 1");
const etag = created.response.headers.get("ETag");
check(etag === '"1"', `its ETag is "1" (got ${etag})`);
check(created.response.headers.get("Location")?.endsWith(`/v1/referrals/${id}`) === true, "Location names the new referral");

const replay = await police.POST("/v1/referrals", { params: { header: { "Idempotency-Key": idempotencyKey } }, body: referral });
check(replay.data?.id === id && replay.response.headers.get("Idempotent-Replayed") === "true", "a retry replays the first answer");

const seen = await shelter.GET("/v1/referrals/{id}", { params: { path: { id } } });
check(seen.data?.subject.fullName === undefined || seen.data.subject.fullName === null, "before acceptance the receiver does not see the name");

const received = await shelter.POST("/v1/referrals/{id}/acknowledgement", {
  params: { path: { id }, header: { "If-Match": etag } },
  body: { decision: "received" },
});
check(received.data?.status === "received" && received.data.version === 2, "receipt acknowledged with If-Match");

const stale = await shelter.POST("/v1/referrals/{id}/acknowledgement", {
  params: { path: { id }, header: { "If-Match": etag } },
  body: { decision: "accepted" },
});
// Problem bodies are typed: code is a string the compiler knows, not an unknown to be cast.
const staleCode: string | undefined = stale.error?.code;
check(stale.response.status === 412 && staleCode === "precondition-failed", "a stale If-Match is refused with precondition-failed");

const accepted = await shelter.POST("/v1/referrals/{id}/acknowledgement", {
  params: { path: { id } },
  body: { decision: "accepted", receiverReference: "UPTD/2026/0456" },
});
check(accepted.data?.status === "accepted" && accepted.data.subject.fullName === "Siti A.", "accepted, the receiver sees the name");

const started = await shelter.POST("/v1/referrals/{id}/status", { params: { path: { id } }, body: { status: "in_progress" } });
check(started.data?.status === "in_progress", "services start");
const completed = await shelter.POST("/v1/referrals/{id}/status", {
  params: { path: { id } },
  body: { status: "completed", outcome: "Counselling completed; returned to family." },
});
check(completed.data?.status === "completed" && completed.data.allowedActions.length === 0, "completed, nothing more to do");

const history = await police.GET("/v1/referrals/{id}/status", { params: { path: { id } } });
const statuses = history.data?.history.map((entry) => entry.status) ?? [];
check(statuses.join(",") === "sent,received,accepted,in_progress,completed", `the sender reads the whole history (${statuses.join(",")})`);

// The feed always answers a nextCursor to poll with later; a short page means the end for now.
const events = [];
let cursor: string | undefined;
for (let pages = 0; pages < 50; pages++) {
  const page = await police.GET("/v1/events", { params: { query: cursor === undefined ? { limit: 200 } : { limit: 200, cursor } } });
  check(page.data !== undefined, "the sender polls its event feed");
  events.push(...page.data.items.filter((event) => event.data.referralId === id));
  if (page.data.items.length < 200) break;
  cursor = page.data.nextCursor;
}
const types = events.map((event) => event.type);
check(
  types.join(",") === "referral.created,referral.received,referral.accepted,referral.status_changed,referral.completed",
  `the feed tells the sender every step (${types.join(",")})`,
);

console.log(`typescript client: ${checks} checks passed`);
