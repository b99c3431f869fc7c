#!/usr/bin/env bash
# The fault scenarios of issue 9, against a real deployment shape: 1 API + 3 workers (separate JVMs, roles api and
# worker) on a separate PostgreSQL 16 cluster, all over HTTP. Prints one line of figures per scenario and leaves
# the logs under WORKDIR.
#
#   tools/fault_scenarios.sh JAR WORKDIR [PG_BIN_DIR]
#
#   A  kill -9 of a worker 6 times while 42 jobs run   → jobs lost, duplicate scores, seconds from kill to pick-up
#   B  PostgreSQL restarted twice and stopped for 20 s while 21 jobs run and a reader polls the API
#                                                      → jobs done, 5xx count, slowest request, restart needed?
#   C  idle workers                                     → PostgreSQL transactions/s over 30 s
#   D  a model that spins on any non-zero input          → what preflight / the worker answers, and how fast
#   E  1,000 fuzzed requests (corpus + mutations)       → 5xx count and hangs (tools/fuzz_replay.py)
#   F  kill -9 of the API mid-upload                     → half-written rows, temp bytes left after restart
#   G  100 concurrent submissions of one version         → jobs queued, jobs failed
#
# APP_ARGS: extra flags for every process (e.g. a longer preflight timeout on a busy machine).
# PG_BIN_DIR: PostgreSQL 16 binaries (default: the ones the embedded PostgreSQL of the tests unpacked).
# The lease is shortened to 15 s (heartbeat 3 s) so that scenario A's pick-up times are short; the defaults are 60/10 s.
set -uo pipefail
JAR=$(readlink -f "$1"); W=$(readlink -m "$2"); PGBIN=${3:-$(ls -d /tmp/embedded-pg/PG-*/bin | while read d; do
  "$d/postgres" --version | grep -q ' 16\.' && echo "$d"; done | head -1)}
HERE=$(cd "$(dirname "$0")" && pwd)
PGPORT=55432; API=18410; BASE=http://localhost:$API; ADMIN=fault-admin
mkdir -p "$W/logs"; chmod 777 "$W/logs"; cd "$W"
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psqlq() { psql -h localhost -p $PGPORT -U striate -d striate -Atc "$1"; }
log() { echo "$(date -u +%T) $*" | tee -a "$W/figures.txt"; }

# --- PostgreSQL 16, its own cluster --------------------------------------------------------------------------
if [ ! -d "$W/pg" ]; then
  mkdir -p "$W/pg"; [ "$(id -u)" = 0 ] && chown postgres "$W/pg"
  run_pg "$PGBIN/initdb" -D "$W/pg" -U striate --auth=trust >"$W/logs/initdb.log"
fi
[ "$(id -u)" = 0 ] && chown -R postgres "$W/pg"
pg_start() { run_pg "$PGBIN/pg_ctl" -D "$W/pg" -o "-p $PGPORT -k /tmp" -l "$W/logs/pg.log" -w start >/dev/null; }
pg_stop() { run_pg "$PGBIN/pg_ctl" -D "$W/pg" -m fast -w stop >/dev/null; }
pg_start
psql -h localhost -p $PGPORT -U striate -d postgres -Atc "create database striate" 2>/dev/null || true

# --- the processes ----------------------------------------------------------------------------------------------
export SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:$PGPORT/striate SPRING_DATASOURCE_USERNAME=striate
export STRIATE_STORAGE_DIR=$W/store STRIATE_ADMIN_TOKEN=$ADMIN STRIATE_LIMITS_REQUESTS_PER_MINUTE=0
export STRIATE_WORKER_LEASE=15s STRIATE_WORKER_HEARTBEAT=3s
declare -A PIDS
start() { # name role port
  java -Xmx1g -jar "$JAR" --server.port=$3 --striate.roles=$2 ${APP_ARGS:-} >>"$W/logs/$1.log" 2>&1 &
  PIDS[$1]=$!
}
ready() { # port name: waits until the process answers, stops the script when it died
  until curl -fs "http://localhost:$1/actuator/health/liveness" >/dev/null 2>&1; do
    sleep 2; kill -0 "${PIDS[$2]}" 2>/dev/null || { echo "$2 died; see $W/logs/$2.log" >&2; exit 1; }
  done
}
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; pg_stop; }
trap cleanup EXIT
start api api $API; ready $API api
for i in 1 2 3; do start worker$i worker $((API + i)); done
for i in 1 2 3; do ready $((API + i)) worker$i; done
log "1 API + 3 workers up on PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"

call() { # field curl-args...
  local field=$1; shift; local body
  body=$(curl -s "$@"); python3 -c 'import sys,json;print(json.loads(sys.argv[1]).get(sys.argv[2],""))' "$body" "$field"
}
TOKEN=$(call secret -X POST $BASE/api/v1/tokens -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"faults","owner":"alice","scopes":["submit"]}')
H=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
version() { # name reference -> version id
  local m; m=$(call id -X POST $BASE/api/v1/models "${H[@]}" -d "{\"name\":\"$1\",\"visibility\":\"public\"}")
  call id -X POST $BASE/api/v1/models/$m/versions "${H[@]}" -d "{\"reference\":\"$2\"}"
}
submit() { call id -X POST $BASE/api/v1/submissions "${H[@]}" -d "{\"modelVersionId\":$1,\"benchmarks\":[\"v1\"]}"; }
jobs_of() { psqlq "select count(*) from job where submission_id in ($1) and state in ('queued','running')"; }
wait_done() { while [ "$(jobs_of "$1")" != 0 ]; do sleep 5; done; }
states() { psqlq "select coalesce(string_agg(state || '=' || n, ' '), '') from (select state, count(*) n from job
  where submission_id in ($1) group by state order by state) s"; }

# --- A: kill -9 of a worker, 6 times --------------------------------------------------------------------------------
SUBS=()
for i in 1 2 3 4 5 6; do SUBS+=("$(submit "$(version "kill-$i" pixels)")"); done
A=$(IFS=,; echo "${SUBS[*]}")
log "A: $(psqlq "select count(*) from job where submission_id in ($A)") jobs queued"
PICKUPS=()
for k in 1 2 3 4 5 6; do
  w=worker$(( (k - 1) % 3 + 1 )); port=$((API + (k - 1) % 3 + 1))
  until psqlq "select 1 from job where state='running' and lease_owner like '${PIDS[$w]}@%'" | grep -q 1; do
    [ "$(jobs_of "$A")" = 0 ] && break 2; sleep 1; done
  job=$(psqlq "select id from job where state='running' and lease_owner like '${PIDS[$w]}@%' limit 1")
  old=${PIDS[$w]}; kill -9 "$old"; t0=$(date +%s.%N)
  start $w worker $port
  while :; do # until a live worker holds the job again (or finished it)
    st=$(psqlq "select state || ':' || coalesce(lease_owner, '') from job where id=$job")
    case $st in "running:$old@"*|queued:*) sleep 0.5;; *) break;; esac
  done
  # picked up again by a live worker (or finished by one)
  t=$(python3 -c "import time;print(round(time.time()-$t0,1))"); PICKUPS+=("$t")
  log "A: kill $k of $w during job $job → picked up again after $t s ($st)"
done
wait_done "$A"
log "A: jobs $(states "$A"); duplicate scores: $(psqlq "select count(*) from (select 1 from score group by
  model_version_id, benchmark_id, benchmark_version having count(*) > 1) d"); kill→pick-up s: ${PICKUPS[*]}"

# --- B: PostgreSQL restarted twice and stopped for 20 s ------------------------------------------------------------
SUBS=()
for i in 1 2 3; do SUBS+=("$(submit "$(version "pg-$i" pixels)")"); done
B=$(IFS=,; echo "${SUBS[*]}")
(while [ ! -f "$W/stop-reader" ]; do
   curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 60 "$BASE/api/v1/leaderboard?size=50"
   curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 60 "$BASE/api/v1/models?size=20"
   sleep 0.1
 done >"$W/logs/reader.txt") &
READER=$!
sleep 20; pg_stop; pg_start; log "B: PostgreSQL restarted"
sleep 20; pg_stop; pg_start; log "B: PostgreSQL restarted"
sleep 20; pg_stop; sleep 20; pg_start; log "B: PostgreSQL stopped for 20 s, started"
wait_done "$B"; touch "$W/stop-reader"; wait $READER; rm -f "$W/stop-reader"
log "B: jobs $(states "$B"); reader: $(wc -l <"$W/logs/reader.txt") requests, by status: $(awk '{print $1}' \
  "$W/logs/reader.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')slowest $(sort -k2 -n "$W/logs/reader.txt" | tail -1 | \
  awk '{print $2}') s; processes alive: $(for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && echo -n "$p "; done)"

# --- C: idle workers ---------------------------------------------------------------------------------------------
sleep 10
x0=$(psqlq "select xact_commit + xact_rollback from pg_stat_database where datname='striate'"); sleep 30
x1=$(psqlq "select xact_commit + xact_rollback from pg_stat_database where datname='striate'")
log "C: idle (1 API + 3 workers): $(python3 -c "print(round(($x1 - $x0) / 30, 2))") transactions/s"

# --- D: a model that spins on any non-zero input ------------------------------------------------------------------
SPIN=$HERE/../src/test/resources/fixtures/hardening/spin_on_nonzero.pt
m=$(call id -X POST $BASE/api/v1/models "${H[@]}" -d '{"name":"spinner","visibility":"public"}')
t0=$(date +%s.%N)
curl -s -o "$W/logs/spin-upload.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  -F file=@"$SPIN" $BASE/api/v1/models/$m/versions >"$W/logs/spin-status.txt"
log "D: spinning model upload → HTTP $(cat "$W/logs/spin-status.txt") after $(python3 -c "import time;print(round(time.time()-$t0,1))") s: \
$(head -c 300 "$W/logs/spin-upload.json")"

# --- E: 1,000 fuzzed requests ----------------------------------------------------------------------------------------
python3 "$HERE/fuzz_replay.py" $BASE $ADMIN --mutations 933 >"$W/logs/fuzz.txt" 2>&1
log "E: fuzz: $(tail -1 "$W/logs/fuzz.txt")"

# --- F: kill -9 of the API mid-upload -----------------------------------------------------------------------------
head -c 400000000 /dev/urandom >"$W/big.bin"
m=$(call id -X POST $BASE/api/v1/models "${H[@]}" -d '{"name":"big-upload","visibility":"public"}')
rows0=$(psqlq "select count(*) from model_version")
curl -s -o /dev/null --limit-rate 50M -H "Authorization: Bearer $TOKEN" -F file=@"$W/big.bin" \
  $BASE/api/v1/models/$m/versions &
sleep 4; left=$(du -sb "$W/store" | cut -f1); kill -9 "${PIDS[api]}"; wait "${PIDS[api]}" 2>/dev/null
tmp=$(du -sb "$W/store" | cut -f1)
start api api $API; ready $API api
log "F: API killed mid-upload: storage grew to $tmp bytes (was $left 4 s in), after restart $(du -sb "$W/store" | \
  cut -f1) bytes; model_version rows $rows0 → $(psqlq "select count(*) from model_version"); \
$(grep -h 'swept' "$W/logs/api.log" | tail -1 | sed 's/.*: //')"
rm -f "$W/big.bin"

# --- G: 100 concurrent submissions of one version -----------------------------------------------------------------
v=$(version dup pixels)
seq 100 | xargs -P 20 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST $BASE/api/v1/submissions "${H[@]}" \
  -d "{\"modelVersionId\":$v,\"benchmarks\":[\"v1\"]}" >"$W/logs/dup.txt"
G=$(psqlq "select string_agg(id::text, ',') from submission where model_version_id=$v")
log "G: 100 concurrent submissions → statuses $(sort "$W/logs/dup.txt" | uniq -c | tr -s ' ' | tr '\n' ' ')jobs created \
$(psqlq "select count(*) from job where model_version_id=$v")"
wait_done "$G"
log "G: jobs $(psqlq "select string_agg(state || '=' || n, ' ') from (select state, count(*) n from job where \
model_version_id=$v group by state) s"); scores $(psqlq "select count(*) from score where model_version_id=$v")"
log "all failures: $(psqlq "select coalesce(string_agg(failure_kind || ': ' || left(failure_message, 80), ' | '), 'none')
  from job where state='failed' and model_version_id in (select id from model_version where model_id in
  (select id from model where name like 'kill-%' or name like 'pg-%' or name = 'dup'))")"
