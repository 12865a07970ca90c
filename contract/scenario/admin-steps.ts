// The admin's routes (agencies, keys, the access log, every webhook) and an agency's webhooks,
// delivered to a receiver the scenario runs on loopback.
import { firstItem, type Recorder } from "./recorder.js";
import type { Keys } from "./keys.js";

export async function adminRoutes(r: Recorder, k: Keys): Promise<void> {
  const agency = {
    code: "SCENARIO-SHELTER", name: "Rumah Aman Scenario", sector: "community_service", regionCode: "61.71",
    roles: ["agency"], services: ["safe_house"], acceptsReferrals: true, capacityStatus: "open",
    contact: { email: "desk@example.org", phone: "+62561000000" },
  };
  const create = { label: "the admin registers an agency", method: "POST", path: "/v1/agencies", key: k.admin, body: agency, headers: { "Idempotency-Key": "scenario-agency-1" }, expect: 201 } as const;
  const agencyId = await r.sendFor(create, "id");
  await r.send({ ...create, label: "the same code again", headers: {}, expect: 409 });
  await r.send({ label: "the admin changes it", method: "PATCH", path: `/v1/agencies/${agencyId}`, key: k.admin, body: { capacityStatus: "limited", contact: { email: "duty@example.org", phone: null } }, expect: 200 });
  const keys = `/v1/agencies/${agencyId}/api-keys`;
  const keyId = await r.sendFor({ label: "a key for it", method: "POST", path: keys, key: k.admin, headers: { "Idempotency-Key": "scenario-key-1" }, expect: 201 }, "id");
  await r.send({ label: "its keys", method: "GET", path: keys, key: k.admin, expect: 200 });
  await r.send({ label: "the key revoked", method: "DELETE", path: `${keys}/${keyId}`, key: k.admin, expect: 204 });
  await r.send({ label: "every webhook", method: "GET", path: "/v1/admin/webhooks?status=active&limit=10", key: k.admin, expect: 200 });
  await r.send({ label: "the whole access log", method: "GET", path: "/v1/admin/access-log?from=2026-01-01T00:00:00Z&limit=10", key: k.admin, expect: 200 });
  await r.send({ label: "the admin audit log", method: "GET", path: "/v1/admin/audit-log?limit=10", key: k.admin, expect: 200 });
}

/** The police's case system takes every event, so the referral's life is delivered too. */
export async function subscribePolice(r: Recorder, k: Keys, url: string): Promise<void> {
  const id = await r.sendFor({ label: "the police subscribe", method: "POST", path: "/v1/webhooks", key: k.polda, body: { url, eventTypes: [], description: "Case system" }, expect: 201 }, "id");
  await r.send({ label: "the police ping it", method: "POST", path: `/v1/webhooks/${id}/ping`, key: k.polda, expect: 202 });
}

export async function webhookRoutes(r: Recorder, k: Keys, url: string): Promise<void> {
  const create = { label: "a webhook", method: "POST", path: "/v1/webhooks", key: k.uptd, body: { url, eventTypes: [], description: "Case desk" }, headers: { "Idempotency-Key": "scenario-webhook-1" }, expect: 201 } as const;
  const id = await r.sendFor(create, "id");
  const one = `/v1/webhooks/${id}`;
  await r.send({ label: "the webhooks", method: "GET", path: "/v1/webhooks?limit=10", key: k.uptd, expect: 200 });
  await r.send({ label: "one webhook", method: "GET", path: one, key: k.uptd, expect: 200 });
  await r.send({ label: "narrowed to some events", method: "PATCH", path: one, key: k.uptd, body: { eventTypes: ["referral.created", "referral.accepted"], description: "Case desk, new and accepted" }, expect: 200 });
  await r.send({ label: "another agency's webhook is not there", method: "PATCH", path: one, key: k.polda, body: { description: "Not mine" }, expect: 404 });
  await r.send({ label: "the secret rotated", method: "POST", path: `${one}/rotate-secret`, key: k.uptd, expect: 200 });
  await r.send({ label: "a ping", method: "POST", path: `${one}/ping`, key: k.uptd, headers: { "Idempotency-Key": "scenario-ping-1" }, expect: 202 });
  const deliveries = `${one}/deliveries`;
  const deliveryId = firstItem(await r.send({ label: "its deliveries", method: "GET", path: `${deliveries}?limit=10`, key: k.uptd, expect: 200 }), "id");
  await r.send({ label: "delivered again", method: "POST", path: `${deliveries}/${deliveryId}/redeliver`, key: k.uptd, expect: 202 });
  await r.send({ label: "the webhook removed", method: "DELETE", path: one, key: k.uptd, expect: 204 });
}
