"""Runs each expression of a Grafana dashboard through Prometheus' HTTP API, waiting for data."""
import json
import sys
import time
import urllib.parse
import urllib.request

prometheus, dashboard_file = sys.argv[1], sys.argv[2]

# Figures that a fresh SQLite database with one accepted referral cannot have.
MAY_BE_EMPTY = {
    "referralapi_referrals_overdue": "nothing is past respondBy on a fresh database",
    "db_client_connection": "Npgsql's pool metrics exist on PostgreSQL only",
    "rate_limit_rejections": "the check stays within every limit",
}


def query(expr):
    url = f"{prometheus}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url) as response:
        return json.load(response)


dashboard = json.load(open(dashboard_file, encoding="utf-8"))
exprs = [t["expr"].replace("$__rate_interval", "1m").replace("$agency", ".*") for p in dashboard["panels"] for t in p["targets"]]
deadline = time.time() + 90
failures = []
for expr in exprs:
    allowed_empty = next((why for name, why in MAY_BE_EMPTY.items() if name in expr), None)
    while True:
        try:
            answer = query(expr)
        except OSError:
            answer = {"status": "unreachable"}
        if answer.get("status") == "success" and (answer["data"]["result"] or allowed_empty or time.time() > deadline):
            break
        if answer.get("status") == "error":
            break
        time.sleep(1)
    if answer.get("status") != "success":
        failures.append(f"{expr}: {answer}")
        print("FAIL ", expr)
    elif not answer["data"]["result"] and not allowed_empty:
        failures.append(f"{expr}: no data")
        print("EMPTY", expr)
    else:
        print("ok   " if answer["data"]["result"] else f"ok (empty: {allowed_empty})", expr)
if failures:
    sys.exit("dashboard expressions failing:\n" + "\n".join(failures))
print(f"{len(exprs)} dashboard expressions answered")
