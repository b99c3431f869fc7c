#!/usr/bin/env bash
# Scores one model on the full available V1 suite in a fresh process and samples its memory every few seconds:
# resident set (VmRSS) and peak (VmHWM) from /proc, and heap / non-heap / direct-buffer use from the actuator.
# Prints one TSV row per sample and a summary line with the peak; used to find what holds a worker's memory.
#
#   tools/memory_profile.sh JAR STORAGE_DIR OUT_DIR PORT (reference:<spec>|file:<path.pt>) [JAVA_OPTS...]
#
# APP_ARGS: extra flags for the app (e.g. --striate.worker.memory-budget=4GB)
set -euo pipefail
JAR=$1; STORE=$2; OUT=$3; PORT=$4; MODEL=$5; shift 5
BASE=http://localhost:$PORT
ADMIN=profile-admin-$(date +%s)
mkdir -p "$STORE" "$OUT"
STRIATE_ADMIN_TOKEN=$ADMIN STRIATE_STORAGE_DIR=$STORE STRIATE_LIMITS_REQUESTS_PER_MINUTE=0 \
  java "$@" -jar "$JAR" --server.port=$PORT ${APP_ARGS:-} >"$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -fs $BASE/actuator/health/readiness >/dev/null 2>&1; do sleep 3; kill -0 $APP; done
call() {
  local field=$1; shift
  local body code
  body=$(curl -s -w '\n%{http_code}' "$@"); code=${body##*$'\n'}; body=${body%$'\n'*}
  if [[ $code != 2* ]]; then echo "HTTP $code from $*: $body" >&2; exit 1; fi
  python3 -c 'import sys,json;print(json.loads(sys.argv[1])[sys.argv[2]])' "$body" "$field"
}
metric() { # name [tag] -> value
  curl -fs "$BASE/actuator/metrics/$1${2:+?tag=$2}" -H "Authorization: Bearer $ADMIN" 2>/dev/null \
    | python3 -c 'import sys,json;print(int(json.load(sys.stdin)["measurements"][0]["value"]))' 2>/dev/null || echo NA
}
kb() { awk -v f="$1:" '$1==f{printf "%d", $2*1024}' /proc/$APP/status; }
TOKEN=$(call secret -X POST $BASE/api/v1/tokens -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"profile","owner":"alice","scopes":["submit"]}')
H=(-H "Authorization: Bearer $TOKEN")
M=$(call id -X POST $BASE/api/v1/models "${H[@]}" -H 'Content-Type: application/json' \
  -d "{\"name\":\"profile-$(date +%s)\",\"visibility\":\"public\"}")
case $MODEL in
  reference:*) V=$(call id -X POST $BASE/api/v1/models/$M/versions "${H[@]}" -H 'Content-Type: application/json' \
                   -d "{\"reference\":\"${MODEL#reference:}\"}");;
  file:*) V=$(call id -X POST $BASE/api/v1/models/$M/versions "${H[@]}" -F file=@"${MODEL#file:}");;
esac
S=$(call id -X POST $BASE/api/v1/submissions "${H[@]}" -H 'Content-Type: application/json' \
  -d "{\"modelVersionId\":$V,\"benchmarks\":[\"v1\"]}")
echo "$(date -u +%T) version $V submission $S" >&2
printf 'time\trss\thwm\theap_used\theap_committed\tnonheap_committed\tdirect_used\tstate\n' >"$OUT/samples.tsv"
while :; do
  st=$(call state $BASE/api/v1/submissions/$S "${H[@]}")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%T)" "$(kb VmRSS)" "$(kb VmHWM)" \
    "$(metric jvm.memory.used area:heap)" "$(metric jvm.memory.committed area:heap)" \
    "$(metric jvm.memory.committed area:nonheap)" "$(metric jvm.buffer.memory.used id:direct)" "$st" >>"$OUT/samples.tsv"
  case $st in queued|running) sleep 5;; *) break;; esac
done
curl -fs $BASE/api/v1/submissions/$S "${H[@]}" >"$OUT/submission.json"
python3 - "$OUT/samples.tsv" "$st" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
num = lambda r, k: int(r[k]) if r[k] not in ('', 'NA') else 0
g = lambda k: max(num(r, k) for r in rows) / 2**20
print(f"state={sys.argv[2]} samples={len(rows)} peak_rss_hwm={g('hwm'):.0f}MiB max_heap_committed={g('heap_committed'):.0f}MiB "
      f"max_heap_used={g('heap_used'):.0f}MiB max_nonheap={g('nonheap_committed'):.0f}MiB max_direct={g('direct_used'):.0f}MiB")
PY
