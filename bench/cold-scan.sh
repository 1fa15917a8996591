#!/usr/bin/env bash
# Cold one-shot scan: `deckhand.jar scan` over 38 regions against standalone WireMock answering every call
# after a fixed 150 ms (empty regions, every kind the scanner reads: EC2, ELB, ELBv2, NAT, snapshots, RDS).
# The yardstick is two round trips (2 x 150 ms = 0.3 s); the target is <= 1.2 s wall.
# Runs the JVM variants side by side, interleaved, in one run of the script:
#   default     java -jar
#   c1-serial   -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
#   appcds      c1-serial + -XX:SharedArchiveFile (archive written by one training scan, -XX:ArchiveClassesAtExit)
#   image       as the Docker image runs it: its JDK_JAVA_OPTIONS (serial GC, fixed 96 MB heap, C1 only) + the archive
# Prints wall ms, CPU seconds (user+sys of the scan process) and the load average before each run: on a
# shared 2-core machine the wall time measures the machine's queue as much as the scan; CPU does not.
# Usage: mvn -B -o -q -DskipTests package && bench/cold-scan.sh [runs]   (needs target/deckhand.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
PORT=${PORT:-18089}
WM=$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar)
java -jar "$WM" --port "$PORT" --root-dir bench/cold-scan --no-request-journal --disable-banner \
  --container-threads 300 >/tmp/deckhand-cold-scan-wiremock.log 2>&1 &
WM_PID=$!
WORK=$(mktemp -d)
trap 'kill $WM_PID; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://localhost:$PORT/__admin/mappings" && break; sleep 0.2; done
REGIONS=us-east-1,us-east-2,us-west-1,us-west-2,af-south-1,ap-east-1,ap-south-1,ap-south-2,ap-southeast-1,ap-southeast-2,ap-southeast-3,ap-southeast-4,ap-southeast-5,ap-southeast-7,ap-northeast-1,ap-northeast-2,ap-northeast-3,ca-central-1,ca-west-1,eu-central-1,eu-central-2,eu-west-1,eu-west-2,eu-west-3,eu-south-1,eu-south-2,eu-north-1,il-central-1,me-south-1,me-central-1,mx-central-1,sa-east-1,ap-east-2,ap-southeast-6,us-gov-east-1,us-gov-west-1,cn-north-1,cn-northwest-1
# run <label> <java options...>: one scan; prints wall ms, CPU s and the exit code
run() {
  local label=$1; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local start end
  start=$(date +%s%N)
  DECKHAND_AWS_ENDPOINT="http://localhost:$PORT" DECKHAND_AWS_REGIONS="$REGIONS" DECKHAND_STORE_PATH="$WORK/d.db" \
  DECKHAND_COSTWATCH_FAIL_ABOVE_USD=1000 AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench \
  /usr/bin/time -f '%U %S' -o "$WORK/cpu" java "$@" -jar target/deckhand.jar scan >"$WORK/out" 2>&1 && rc=0 || rc=$?
  end=$(date +%s%N)
  local cpu; cpu=$(awk '{printf "%.2f", $1 + $2}' "$WORK/cpu")
  printf '%-10s wall %6d ms  cpu %5s s  exit %s  load1 %s\n' "$label" $(( (end - start) / 1000000 )) "$cpu" "$rc" "$load"
  if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then tail -3 "$WORK/out"; fi
}
FAST=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
# The Dockerfile's JDK_JAVA_OPTIONS, read from it so the two cannot drift apart.
read -r -a IMAGE <<<"$(bench/image-jvm-flags.sh)"
# Training run: write the AppCDS archive of the classes one scan loads (as the Dockerfile does at build time).
run training "${FAST[@]}" -XX:ArchiveClassesAtExit="$WORK/deckhand.jsa" >/dev/null
echo "archive: $(du -h "$WORK/deckhand.jsa" | cut -f1); yardstick 300 ms (two 150 ms round trips), target 1200 ms"
for i in $(seq "$RUNS"); do
  run default
  run c1-serial "${FAST[@]}"
  run appcds "${FAST[@]}" -XX:SharedArchiveFile="$WORK/deckhand.jsa"
  run image "${IMAGE[@]}" -XX:SharedArchiveFile="$WORK/deckhand.jsa"
done
