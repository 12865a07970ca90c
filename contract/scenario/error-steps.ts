// Every error status the document declares, each provoked the way a client would run into it.
import { newReferral, type ReferralIds } from "./referral-steps.js";
import type { Recorder } from "./recorder.js";
import type { Keys } from "./keys.js";

const NOBODY = "00000000-0000-7000-8000-000000000000";
/** What a browser following a problem's `type` would accept. */
const PAGE = "text/html, application/json;q=0.9, */*;q=0.8";

export async function errorCases(r: Recorder, k: Keys, ids: ReferralIds, documentPaths: Set<string>): Promise<void> {
  const referral = `/v1/referrals/${ids.referralId}`;
  await r.send({ label: "no key", method: "GET", path: "/v1/me", expect: 401, badInput: true });
  await r.send({ label: "oversight has no referral routes", method: "GET", path: "/v1/referrals?box=inbox", key: k.komnas, expect: 403 });
  await r.send({ label: "an agency cannot register agencies", method: "POST", path: "/v1/agencies", key: k.polda, body: { code: "X", name: "X", sector: "police", regionCode: "61", roles: ["agency"], services: ["law_enforcement"] }, expect: 403 });
  await r.send({ label: "the admin has no report", method: "GET", path: "/v1/reports/summary", key: k.admin, expect: 403 });
  await r.send({ label: "a third agency sees nothing", method: "GET", path: referral, key: k.rsud, expect: 404 });
  await r.send({ label: "an unknown agency", method: "GET", path: `/v1/agencies/${NOBODY}`, key: k.polda, expect: 404 });
  await r.send({ label: "an empty referral", method: "POST", path: "/v1/referrals", key: k.polda, body: {}, expect: 400, badInput: true, mustBeFlagged: true });
  await r.send({ label: "a limit out of range", method: "GET", path: "/v1/referrals?box=inbox&limit=0", key: k.uptd, expect: 400, badInput: true });
  await r.send({ label: "an unknown query parameter", method: "GET", path: "/v1/events?bogus=1", key: k.uptd, expect: 400, badInput: true });
  await r.send({ label: "a body too large", method: "POST", path: "/v1/referrals", key: k.polda, body: { ...newReferral(ids.receiverId, "LP/BIG"), reason: "x".repeat(300 * 1024) }, expect: 413, badInput: true });
  await r.send({ label: "not JSON", method: "POST", path: "/v1/referrals", key: k.polda, rawBody: "urgent referral", contentType: "text/plain", expect: 415, badInput: true, mustBeFlagged: true });
  await r.send({ label: "a receiver that takes no referrals", method: "POST", path: "/v1/referrals", key: k.polda, body: newReferral(ids.komnasId, "LP/KOMNAS"), expect: 422 });

  const third = await r.sendFor({ label: "a referral to answer", method: "POST", path: "/v1/referrals", key: k.polda, body: newReferral(ids.receiverId, "LP/125/XI/2026/POLDA"), expect: 201 }, "id");
  await r.send({ label: "a weak If-Match", method: "POST", path: `/v1/referrals/${third}/acknowledgement`, key: k.uptd, headers: { "If-Match": 'W/"1"' }, body: { decision: "received" }, expect: [400, 412], badInput: true });

  const page = await r.send({ label: "the feed, one at a time", method: "GET", path: "/v1/events?limit=1", key: k.uptd, expect: 200 });
  const next = page.json["nextCursor"];
  if (typeof next !== "string") throw new Error("the feed answered without nextCursor although the receiver has several events");
  await r.send({ label: "the next page by cursor", method: "GET", path: `/v1/events?limit=1&cursor=${encodeURIComponent(next)}`, key: k.uptd, expect: 200 });
  await r.send({ label: "the next page by after", method: "GET", path: `/v1/events?limit=1&after=${encodeURIComponent(next)}`, key: k.uptd, expect: 200 });

  // Problem types resolve to a page per problem (RFC 9457), in both languages.
  const problemPage = [...documentPaths].find((template) => /^\/problems\/\{[^}]+\}$/.test(template));
  if (problemPage) {
    const path = problemPage.replace(/\{[^}]+\}/, "not-found");
    await r.send({ label: "a problem's page", method: "GET", path, headers: { Accept: PAGE }, expect: 200 });
    await r.send({ label: "a problem's page in Indonesian", method: "GET", path, headers: { Accept: PAGE, "Accept-Language": "id" }, expect: 200 });
  }
}

/**
 * Wrong keys until the address is refused. Last, because it locks this client out for the
 * failed-authentication window (kept short on the scenario's API).
 */
export async function tooManyWrongKeys(r: Recorder): Promise<void> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const answer = await r.send({ label: `wrong key ${attempt}`, method: "GET", path: "/v1/me", key: `rfk_wrong_${attempt}`, expect: [401, 429] });
    if (answer.status === 429) return;
  }
  throw new Error("20 wrong keys were never refused with 429");
}
