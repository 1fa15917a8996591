#!/usr/bin/env bash
# Cold one-shot scan: `deckhand.jar scan` over 38 regions against a fake AWS answering every call after a
# fixed 150 ms (empty regions, every kind the scanner reads: EC2, ELB, ELBv2, NAT, snapshots, RDS).
# The yardstick is two round trips (2 x 150 ms = 0.3 s); the target is <= 1.2 s wall.
# Runs the JVM variants side by side, interleaved, in one run of the script, and prints their medians:
#   default     java -jar, nothing else (JDK 17)
#   image       as the Docker image runs it on JDK 17: its JDK_JAVA_OPTIONS (serial GC, fixed 96 MB heap,
#               C1 only) + the AppCDS archive written by one training scan (-XX:ArchiveClassesAtExit)
#   jdk25-aot   the image's options on JDK 25 + its AOT cache (JEP 483/515, -XX:AOTCacheOutput) written by
#               one training scan; only when a JDK 25 is found (JAVA25, else /usr/lib/jvm/*25*)
# Prints wall ms, CPU seconds (user+sys of the scan process) and the load average before each run: on a
# shared 2-core machine the wall time measures the machine's queue as much as the scan; CPU does not.
# FAKE picks the fake AWS, in a process of its own:
#   fixture   (default) FixtureAwsServer, the fixture files under bench/cold-scan served by the JDK's HTTP
#             server (~0.3 ms CPU a call)
#   wiremock  wiremock-standalone over the same files (2-3 ms CPU a call: on two cores it takes CPU the
#             scan needs; the figures before December 2026 were measured this way)
# Usage: mvn -B -o -q -DskipTests package && bench/cold-scan.sh [runs]   (needs target/deckhand.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
PORT=${PORT:-18089}
FAKE=${FAKE:-fixture}
LOG=/tmp/deckhand-cold-scan-aws.log
case "$FAKE" in
  fixture)
    mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "target/test-classes:$(cat target/bench.cp)" \
      dev.deckhand.bench.FixtureAwsServer "$PORT" bench/cold-scan >"$LOG" 2>&1 & ;;
  wiremock)
    java -jar "$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar)" \
      --port "$PORT" --root-dir bench/cold-scan --no-request-journal --disable-banner --container-threads 300 \
      >"$LOG" 2>&1 & ;;
  *) echo "FAKE must be fixture or wiremock, not $FAKE" >&2; exit 2 ;;
esac
AWS_PID=$!
WORK=$(mktemp -d)
trap 'kill $AWS_PID; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://localhost:$PORT/" && break; sleep 0.2; done
REGIONS=us-east-1,us-east-2,us-west-1,us-west-2,af-south-1,ap-east-1,ap-south-1,ap-south-2,ap-southeast-1,ap-southeast-2,ap-southeast-3,ap-southeast-4,ap-southeast-5,ap-southeast-7,ap-northeast-1,ap-northeast-2,ap-northeast-3,ca-central-1,ca-west-1,eu-central-1,eu-central-2,eu-west-1,eu-west-2,eu-west-3,eu-south-1,eu-south-2,eu-north-1,il-central-1,me-south-1,me-central-1,mx-central-1,sa-east-1,ap-east-2,ap-southeast-6,us-gov-east-1,us-gov-west-1,cn-north-1,cn-northwest-1
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
# run <label> <java> <java options...>: one scan; prints wall ms, CPU s and the exit code, and keeps the wall
# time for the medians
run() {
  local label=$1 java=$2; shift 2
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local start end rc
  start=$(date +%s%N)
  DECKHAND_AWS_ENDPOINT="http://localhost:$PORT" DECKHAND_AWS_REGIONS="$REGIONS" DECKHAND_STORE_PATH="$WORK/d.db" \
  DECKHAND_COSTWATCH_FAIL_ABOVE_USD=1000 AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench \
  /usr/bin/time -f '%U %S' -o "$WORK/cpu" "$java" "$@" -jar target/deckhand.jar scan >"$WORK/out" 2>&1 && rc=0 || rc=$?
  end=$(date +%s%N)
  local ms=$(( (end - start) / 1000000 )) cpu; cpu=$(awk '{printf "%.2f", $1 + $2}' "$WORK/cpu")
  printf '%-10s wall %6d ms  cpu %5s s  exit %s  load1 %s\n' "$label" "$ms" "$cpu" "$rc" "$load"
  echo "$label $ms $cpu" >>"$WORK/results"
  if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then tail -3 "$WORK/out"; fi
}
# The Dockerfile's JDK_JAVA_OPTIONS, read from it so the two cannot drift apart.
read -r -a IMAGE <<<"$(bench/image-jvm-flags.sh)"
# Training runs, as the Dockerfile does at build time (there against a closed port; here against the fake).
run training java "${IMAGE[@]}" -XX:ArchiveClassesAtExit="$WORK/deckhand.jsa" >/dev/null
echo "JDK 17 archive: $(du -h "$WORK/deckhand.jsa" | cut -f1)"
if [ -n "$JAVA25" ]; then
  run training "$JAVA25" "${IMAGE[@]}" --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput="$WORK/deckhand.aot" >/dev/null
  echo "JDK 25 AOT cache: $(du -h "$WORK/deckhand.aot" | cut -f1) ($("$JAVA25" -version 2>&1 | head -1))"
else
  echo "no JDK 25 found (set JAVA25): jdk25-aot is not run"
fi
rm -f "$WORK/results"
echo "fake AWS: $FAKE; yardstick 300 ms (two 150 ms round trips), target 1200 ms"
for _ in $(seq "$RUNS"); do
  run default java
  run image java "${IMAGE[@]}" -XX:SharedArchiveFile="$WORK/deckhand.jsa"
  if [ -n "$JAVA25" ]; then
    run jdk25-aot "$JAVA25" "${IMAGE[@]}" --enable-native-access=ALL-UNNAMED -XX:AOTCache="$WORK/deckhand.aot"
  fi
done
echo "medians over $RUNS runs:"
# median <label> <column>: the middle value of that label's column (2: wall ms, 3: CPU s)
median() { awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$WORK/results" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for label in $(cut -d' ' -f1 "$WORK/results" | sort -u); do
  printf '  %-10s wall %6s ms (best %s)  cpu %5s s\n' "$label" "$(median "$label" 2)" \
    "$(awk -v l="$label" '$1 == l { print $2 }' "$WORK/results" | sort -n | head -1)" "$(median "$label" 3)"
done
