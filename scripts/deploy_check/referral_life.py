"""Drives a running API through a referral's life with two demo agencies, so every figure has data."""
import json
import sys
import urllib.error
import urllib.request
import uuid

base, keys_file = sys.argv[1], sys.argv[2]
keys = dict(line.rstrip("\n").split("\t")[:2] for line in open(keys_file, encoding="utf-8") if "\t" in line)


def call(method, path, key, body=None, headers=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Authorization", f"Bearer {key}")
    request.add_header("Content-Type", "application/json")
    request.add_header("X-Correlation-Id", "deploy-check-" + uuid.uuid4().hex[:12])
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


police, shelter = keys["POLDA-KALBAR-PPA"], keys["UPTD-PPA-KALBAR"]
status, found = call("GET", "/v1/agencies?q=UPTD-PPA-KALBAR", police)
shelter_id = found["items"][0]["id"]
status, hook = call("POST", "/v1/webhooks", shelter, {"url": "http://127.0.0.1:9/hooks", "eventTypes": []})
assert status == 201, (status, hook)
body = {
    "toAgencyId": shelter_id, "externalReference": "CHECK/" + uuid.uuid4().hex[:10], "urgency": "urgent",
    "violenceTypes": ["physical"], "servicesRequested": ["safe_house"], "reason": "Deploy check.",
    "subject": {"initials": "C.", "sex": "female", "ageYears": 30}, "legalBasis": "vital_interest",
}
idempotency = {"Idempotency-Key": "check-" + uuid.uuid4().hex}
status, referral = call("POST", "/v1/referrals", police, body, idempotency)
assert status == 201, (status, referral)
status, _ = call("POST", "/v1/referrals", police, body, idempotency)
assert status == 201, status
for decision in ("received", "accepted"):
    status, moved = call("POST", f"/v1/referrals/{referral['id']}/acknowledgement", shelter, {"decision": decision})
    assert status == 200, (status, moved)
status, _ = call("GET", "/v1/me", police + "x")
assert status == 401, status
print("referral", referral["id"], "accepted; webhook", hook["id"], "pending")
