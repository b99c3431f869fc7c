#!/usr/bin/env bash
# Scores the shipped reference specs and a random-weight TorchScript ResNet-18 on a fresh instance and saves
# the leaderboard (JSON + CSV) and each model's score tree, to compare aggregation rules before/after a change.
#
#   tools/leaderboard_snapshot.sh JAR STORAGE_DIR OUT_DIR [PORT] [RESNET18.pt]
#
# APP_ARGS: extra flags for the app (e.g. a looser preflight time limit on a busy machine)
# SPECS: the reference specs to score, in order (default: all eight shipped ones); JAVA_HEAP: -Xmx (default 3g)
# RESNET18.pt: python3 tools/export_torchscript.py --model torchvision.models:resnet18 --taps layer1 layer2 \
#                  --v1-layer layer1 --input-size 224 --seed 0 --out resnet18-random.pt
set -euo pipefail
JAR=$1; STORE=$2; OUT=$3; PORT=${4:-8118}; RESNET=${5:-}
BASE=http://localhost:$PORT
ADMIN=snapshot-admin-$(date +%s)
mkdir -p "$STORE" "$OUT"
STRIATE_ADMIN_TOKEN=$ADMIN STRIATE_STORAGE_DIR=$STORE STRIATE_LIMITS_REQUESTS_PER_MINUTE=0 \
  java -Xmx${JAVA_HEAP:-3g} -jar "$JAR" --server.port=$PORT ${APP_ARGS:-} >"$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -fs $BASE/actuator/health/readiness >/dev/null 2>&1; do sleep 3; kill -0 $APP; done
echo "$(date -u +%T) app up"
# call JSONFIELD curl-args...: prints the field of the JSON answer; on a non-2xx answer prints it and stops
call() {
  local field=$1; shift
  local body code
  body=$(curl -s -w '\n%{http_code}' "$@"); code=${body##*$'\n'}; body=${body%$'\n'*}
  if [[ $code != 2* ]]; then echo "HTTP $code from $*: $body" >&2; exit 1; fi
  python3 -c 'import sys,json;print(json.loads(sys.argv[1])[sys.argv[2]])' "$body" "$field"
}
TOKEN=$(call secret -X POST $BASE/api/v1/tokens -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"snapshot","owner":"alice","scopes":["submit"]}')
H=(-H "Authorization: Bearer $TOKEN")
SUBS=()
submit() { # version id
  call id -X POST $BASE/api/v1/submissions "${H[@]}" -H 'Content-Type: application/json' \
    -d "{\"modelVersionId\":$1,\"benchmarks\":[\"v1\"]}"
}
model() { # name -> model id
  call id -X POST $BASE/api/v1/models "${H[@]}" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"visibility\":\"public\"}"
}
for spec in ${SPECS:-pixels vone-v1 random-gabor center-surround local-rf tuned-normalization cortical-magnification bio-composite}; do
  M=$(model "$spec")
  V=$(call id -X POST $BASE/api/v1/models/$M/versions "${H[@]}" -H 'Content-Type: application/json' \
      -d "{\"reference\":\"$spec\"}")
  S=$(submit $V); SUBS+=("$S")
done
if [ -n "$RESNET" ]; then
  M=$(model resnet18-random)
  V=$(call id -X POST $BASE/api/v1/models/$M/versions "${H[@]}" -F file=@"$RESNET")
  S=$(submit $V); SUBS+=("$S")
fi
echo "$(date -u +%T) submissions ${SUBS[*]}"
for s in "${SUBS[@]}"; do
  while :; do
    st=$(call state $BASE/api/v1/submissions/$s "${H[@]}")
    case $st in queued|running) sleep 15;; *) echo "$(date -u +%T) submission $s $st"; break;; esac
  done
  curl -fs $BASE/api/v1/submissions/$s "${H[@]}" >"$OUT/submission-$s.json"
done
curl -fs "$BASE/api/v1/leaderboard?size=100" >"$OUT/leaderboard.json"
curl -fs "$BASE/api/v1/leaderboard?size=100" -H 'Accept: text/csv' >"$OUT/leaderboard.csv"
curl -fs "$BASE/api/v1/leaderboard?size=100&node=Marques2020" >"$OUT/leaderboard-marques.json"
for id in $(seq 1 ${#SUBS[@]}); do curl -fs $BASE/api/v1/models/$id >"$OUT/model-$id.json" || true; done
echo "$(date -u +%T) done"
