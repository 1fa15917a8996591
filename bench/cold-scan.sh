#!/usr/bin/env bash
# Cold one-shot scan: `deckhand.jar scan` over 38 regions against WireMock answering every call after a
# fixed 150 ms (empty regions: 6 calls each, all in flight at once, one round trip deep).
# The yardstick is two round trips (2 x 150 ms = 0.3 s); the figures go in README (Cost watch).
# Usage: mvn -B -q package -DskipTests && bench/cold-scan.sh [runs]   (needs target/deckhand.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
PORT=${PORT:-18089}
WM=$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar)
java -jar "$WM" --port "$PORT" --root-dir bench/cold-scan --no-request-journal --disable-banner \
  --container-threads 300 >/tmp/deckhand-cold-scan-wiremock.log 2>&1 &
WM_PID=$!
trap 'kill $WM_PID' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://localhost:$PORT/__admin/mappings" && break; sleep 0.2; done
REGIONS=us-east-1,us-east-2,us-west-1,us-west-2,af-south-1,ap-east-1,ap-south-1,ap-south-2,ap-southeast-1,ap-southeast-2,ap-southeast-3,ap-southeast-4,ap-southeast-5,ap-southeast-7,ap-northeast-1,ap-northeast-2,ap-northeast-3,ca-central-1,ca-west-1,eu-central-1,eu-central-2,eu-west-1,eu-west-2,eu-west-3,eu-south-1,eu-south-2,eu-north-1,il-central-1,me-south-1,me-central-1,mx-central-1,sa-east-1,ap-east-2,ap-southeast-6,us-gov-east-1,us-gov-west-1,cn-north-1,cn-northwest-1
STORE=$(mktemp -d)
run() {
  DECKHAND_AWS_ENDPOINT="http://localhost:$PORT" DECKHAND_AWS_REGIONS="$REGIONS" DECKHAND_STORE_PATH="$STORE/d.db" \
  DECKHAND_COSTWATCH_FAIL_ABOVE_USD=1000 AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench \
  java ${JAVA_OPTS:-} -jar target/deckhand.jar scan >/dev/null 2>&1 || true
}
run # warm the OS file cache and the store file
for i in $(seq "$RUNS"); do
  start=$(date +%s%N); run; end=$(date +%s%N)
  echo "run $i: $(( (end - start) / 1000000 )) ms wall (yardstick: 300 ms = two 150 ms round trips)"
done
