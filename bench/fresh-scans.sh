#!/usr/bin/env bash
# Issue 17: leaks --fresh N times a second against WireMock; AWS calls/s, threads, RSS and heap per second
# (see README, "Rate limits"). WireMock runs in its OWN JVM (FreshScanAwsServer), so the RSS and threads
# printed are Deckhand's (plus the small bench driver) alone. The bench JVM's heap is capped by HEAP
# (default: the Dockerfile's JDK_JAVA_OPTIONS, a fixed 96 MB heap; see README); add --yardstick as 5th argument for the pre-issue-17 yardstick phase.
# Usage: bench/fresh-scans.sh [seconds] [rate] [latency-ms] [budget] [--yardstick]   (defaults: 100 5 100 5)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
PORT=${PORT:-18091}
COUNT=$(mktemp)
# As the Dockerfile runs Deckhand: glibc gives each busy thread its own malloc arena (up to 8 per core), and
# with ~60 threads resident memory creeps up for minutes without any leak; two arenas keep it flat.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  dev.deckhand.bench.FreshScanAwsServer "$PORT" "${3:-100}" "$COUNT" >/tmp/deckhand-fresh-wiremock.log 2>&1 &
WM_PID=$!
trap 'kill $WM_PID; rm -f "$COUNT"' EXIT
for _ in $(seq 150); do grep -q ready /tmp/deckhand-fresh-wiremock.log && break; sleep 0.2; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
HEAP=${HEAP:-$(bench/image-jvm-flags.sh)}
java $HEAP -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  dev.deckhand.bench.FreshScanBench "${1:-100}" "${2:-5}" "${3:-100}" "${4:-5}" "http://localhost:$PORT" "$COUNT" ${5:-}
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
