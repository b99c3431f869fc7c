#!/usr/bin/env bash
# Measures the upload check under load against a running Striate: the latency of a 1-byte upload, then N concurrent
# uploads of distinct valid TorchScript files (wall time, status codes, peak summed RSS of the preflight children).
# Usage: tools/upload_load.sh BASE ADMIN_TOKEN [N]
set -euo pipefail
BASE=$1; ADMIN=$2; N=${3:-8}
FIXTURE=$(dirname "$0")/../src/test/resources/fixtures/runtime/tiny_dict.pt
post() { curl -s -X POST -H "Authorization: Bearer $1" -H 'Content-Type: application/json' --data-binary "$3" "$BASE$2"; }
TOKEN=$(post "$ADMIN" /api/v1/tokens "{\"name\":\"load\",\"owner\":\"load$RANDOM$RANDOM\",\"scopes\":[\"submit\"]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
MODEL=$(post "$TOKEN" /api/v1/models '{"name":"load","visibility":"public"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
WORK=$(mktemp -d)
printf x > "$WORK/one"
for i in 1 2 3; do
  curl -s -o /dev/null -w "1-byte upload: %{http_code} in %{time_total} s\n" -H "Authorization: Bearer $TOKEN" \
    -F "file=@$WORK/one" "$BASE/api/v1/models/$MODEL/versions"
done
for i in $(seq 1 "$N"); do  # distinct valid archives: the same model with an extra file holding a nonce
  python3 - "$FIXTURE" "$WORK/m$i.pt" "$i" <<'PY'
import sys, zipfile
src, dst, nonce = sys.argv[1:]
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as b:
    prefix = a.namelist()[0].split("/")[0]
    for info in a.infolist():
        b.writestr(info, a.read(info.filename))
    b.writestr(prefix + "/extra/nonce", nonce)
PY
done
peak=0
( while true; do
    s=$(ps -eo rss,args | grep -E '[P]reflightMain|[A]ctivationMain' | awk '{s+=$1} END {print s+0}')
    echo "$s"; sleep 0.5; done ) > "$WORK/rss" &
SAMPLER=$!
t0=$(date +%s.%N)
for i in $(seq 1 "$N"); do
  curl -s -o /dev/null -w "upload $i: %{http_code} in %{time_total} s\n" -H "Authorization: Bearer $TOKEN" \
    -F "file=@$WORK/m$i.pt" "$BASE/api/v1/models/$MODEL/versions" &
done
wait $(jobs -p | grep -v "^$SAMPLER$") 2>/dev/null || true
t1=$(date +%s.%N)
kill "$SAMPLER"
peak=$(sort -n "$WORK/rss" | tail -1)
echo "$N concurrent uploads: wall $(echo "$t1 - $t0" | bc) s, peak RSS of model children $((peak / 1024)) MiB"
rm -rf "$WORK"
