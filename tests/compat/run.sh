#!/usr/bin/env bash
# Compatibility check against Statuspage consumers nobody on this team wrote.
#
# Builds the example site, serves it on 127.0.0.1 with Python's http.server, and points at it:
#   - the PyPI package statuspage-prometheus-exporter (run once, as its cron mode does), and
#   - the npm package statuspage.io@3.3.8 (the latest release is published without its code).
# Then asserts on what they report: the indicator, the degraded components of the ongoing
# incident, the open incident's name. Everything is installed into a temporary folder that is
# removed at the end; every wait is bounded; the server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

NOW=2026-11-23T12:00:00Z
EXPORTER_VERSION=2.6.0
NPM_CLIENT=statuspage.io@3.3.8

fail() {
  echo "compat: FAIL: $*" >&2
  exit 1
}

for tool in python3 node npm; do
  command -v "$tool" >/dev/null || fail "$tool is required (apt-get install python3-venv nodejs npm)"
done

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. Build the example site.
if [[ -z ${STATUSPRESS_BIN:-} ]]; then
  cargo build --quiet
  STATUSPRESS_BIN="${CARGO_TARGET_DIR:-target}/debug/statuspress"
fi
"$STATUSPRESS_BIN" build --root content --output "$work/site" --now "$NOW" >/dev/null

# 2. Serve it on a free loopback port.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >"$work/server.log" 2>&1 &
server_pid=$!
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
python3 - "$base/api/v2/summary.json" <<'PY' || fail "the local server did not come up within 15 s"
import sys, time, urllib.request
deadline = time.time() + 15
while True:
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2).read()
        break
    except Exception:
        if time.time() > deadline:
            sys.exit(1)
        time.sleep(0.2)
PY

# 3. The Prometheus exporter (PyPI). It reads the summary URL from services.json (path in
#    SERVICES_JSON_PATH), keeps its cache under the working directory, and with RUN_MODE=once
#    makes one pass and writes the metrics to a textfile.
python3 -m venv "$work/venv"
timeout 600 "$work/venv/bin/pip" install --quiet --disable-pip-version-check \
  "statuspage-prometheus-exporter==$EXPORTER_VERSION" || fail "pip install statuspage-prometheus-exporter failed"
mkdir -p "$work/exporter"
cat >"$work/exporter/services.json" <<JSON
{"northwind": {"url": "$base/api/v2/summary.json", "name": "Northwind"}}
JSON
(
  cd "$work/exporter"
  SERVICES_JSON_PATH="$work/exporter/services.json" RUN_MODE=once CLEAR_CACHE=true \
    METRICS_TEXTFILE_PATH="$work/exporter/metrics.prom" \
    timeout 120 "$work/venv/bin/statuspage-prometheus-exporter" >"$work/exporter/log" 2>&1
) || { cat "$work/exporter/log" >&2; fail "the exporter did not finish"; }
(
  cd "$work/exporter"
  SERVICES_JSON_PATH="$work/exporter/services.json" timeout 60 "$work/venv/bin/python" - "$base" "$work/exporter/metrics.prom" <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families
from statuspage_prometheus_exporter.service_checker import check_service_status

base, prom = sys.argv[1], sys.argv[2]
samples = {}
for family in text_string_to_metric_families(open(prom).read()):
    for s in family.samples:
        samples.setdefault(s.name, []).append((s.labels, s.value))

def one(name, **labels):
    hits = [v for l, v in samples.get(name, []) if all(l.get(k) == x for k, x in labels.items())]
    assert len(hits) == 1, f"{name} {labels}: {hits}"
    return hits[0]

errors = []
def check(ok, what):
    if not ok:
        errors.append(what)

check(one("statuspage_probe_check", service_name="Northwind") == 1.0, "probe failed")
check(one("statuspage_service_status", service_name="Northwind") == 0.0, "service not reported as disrupted")
incidents = [(l, v) for l, v in samples["statuspage_incident_info"] if v == 1.0]
check([l["incident_name"] for l, _ in incidents] == ["Builds queued longer than usual"], f"open incidents: {incidents}")
if incidents:
    l = incidents[0][0]
    check(l["impact"] == "minor", f"impact {l['impact']}")
    check(l["affected_components"] == "Builds, Edge Functions", f"affected {l['affected_components']}")
    check(l["shortlink"] == "https://status.northwind.example/incidents/2026-11-23-builds-queued/", l["shortlink"])
    check(l["started_at"] == "2026-11-23T09:40:00Z", l["started_at"])
down = sorted(l["component_name"] for l, v in samples["statuspage_component_status"] if v == 0.0)
check(down == ["Build & delivery", "Builds", "Edge Functions"], f"non-operational components: {down}")
up = [l["component_name"] for l, v in samples["statuspage_component_status"] if v == 1.0]
check(len(up) == 14 and "API" in up and "Billing webhooks" in up, f"operational components: {up}")
maint = [l["maintenance_name"] for l, v in samples.get("statuspage_maintenance_info", []) if v == 1.0]
# The weekly window once (its next Sunday), not once per Sunday to come.
check(maint == ["Weekly database maintenance window", "Object Storage metadata migration in eu-central-1"],
      f"maintenance: {maint}")

result = check_service_status("northwind", {"url": f"{base}/api/v2/summary.json", "name": "Northwind"})
check(result["success"], f"check failed: {result.get('error')}")
check(result["raw_status"] == "minor", f"indicator {result['raw_status']}")
check(result["status_text"] == "Minor Outage", result["status_text"])

if errors:
    print("exporter: " + "\n  ".join(errors), file=sys.stderr)
    sys.exit(1)
print("compat: statuspage-prometheus-exporter reports indicator minor, Builds and Edge Functions degraded, "
      "open incident 'Builds queued longer than usual'")
PY
) || fail "statuspage-prometheus-exporter did not report the expected status"

# 4. The npm client. Its constructor takes a page id and builds https://<id>.statuspage.io; the
#    package's own setApiUrl() points it at any other base URL, so no shim is needed.
timeout 600 npm install --prefix "$work/npm" --no-audit --no-fund --silent "$NPM_CLIENT" \
  || fail "npm install $NPM_CLIENT failed"
NODE_PATH="$work/npm/node_modules" timeout 60 node - "$base" <<'JS' || fail "statuspage.io did not report the expected status"
const assert = require('node:assert/strict');
const {Statuspage} = require('statuspage.io');
(async () => {
  const base = process.argv[2];
  const client = new Statuspage('statuspress');
  client.setApiUrl(base);
  client.apiClient.defaults.timeout = 10000;
  const summary = await client.api.getSummary();
  assert.equal(summary.page.url, 'https://status.northwind.example');
  assert.equal(summary.status.indicator, 'minor');
  const status = await client.api.getStatus();
  assert.deepEqual(status.status, {indicator: 'minor', description: 'Partially Degraded Service'});
  const {components} = await client.api.getComponents();
  const degraded = components.filter(c => !c.group && c.status !== 'operational').map(c => c.name);
  assert.deepEqual(degraded, ['Builds', 'Edge Functions']);
  const group = components.find(c => c.group && c.name === 'Build & delivery');
  assert.equal(group.status, 'degraded_performance');
  const unresolved = await client.api.incidents.getUnresolved();
  assert.deepEqual(unresolved.incidents.map(i => i.name), ['Builds queued longer than usual']);
  assert.deepEqual(unresolved.incidents[0].components.map(c => [c.name, c.status]),
    [['Builds', 'degraded_performance'], ['Edge Functions', 'degraded_performance']]);
  const all = await client.api.incidents.getAll();
  assert.equal(all.incidents.length, 18);
  assert.equal(all.incidents[0].name, 'Builds queued longer than usual');
  // In 3.3.8 getUpcoming, getActive and getAll all request upcoming.json (a bug of the client).
  const upcoming = await client.api.scheduledMaintenances.getUpcoming();
  assert.deepEqual(upcoming.scheduled_maintenances.map(m => [m.name, m.status]),
    [['Weekly database maintenance window', 'scheduled'],
     ['Object Storage metadata migration in eu-central-1', 'scheduled']]);
  console.log('compat: statuspage.io reports indicator minor, Builds and Edge Functions degraded, ' +
    "open incident 'Builds queued longer than usual'");
})().catch(e => { console.error(e); process.exit(1); });
JS

echo "compat: 2 passed, 0 failed"
