#!/usr/bin/env bash
# Issue 14's in-bot target: a warm fresh scan inside a running Deckhand over bench/cold-scan.sh's 38 regions,
# against the same fixtures (bench/cold-scan: every kind empty, 150 ms per call), with the bot's scan pool and
# call budget; prints each scan's wall time, the CPU time of the scanning JVM and of the fake AWS's process,
# the scanning JVM's live threads, and the medians. See README, "Cost watch".
# The fake AWS runs in a process of its own, so the CPU printed for the scan is Deckhand's alone. FAKE picks it:
#   fixture   (default) FixtureAwsServer: the fixture files served by the JDK's HTTP server, ~0.3 ms CPU a call
#   wiremock  wiremock-standalone, as cold-scan.sh runs it (2-3 ms CPU a call: on two cores it takes the CPU
#             the scan needs)
#   in-jvm    WireMock inside the scanning JVM (the first version of this bench)
# The scanning JVM runs with JVM (default: the Docker image's flags, bench/image-jvm-flags.sh). GAP_MS: pause
# between measured scans (default 1100; 35000: every scan starts on new threads and new connections).
# Usage: bench/in-bot-scan.sh [scans] [concurrency] [budget]     (defaults: 10 0 5; concurrency 0: as the bot sizes it)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
REGIONS=$(sed -n 's/^REGIONS=//p' bench/cold-scan.sh)
PORT=${PORT:-18093}
FAKE=${FAKE:-fixture}
ENDPOINT=()
LOG=/tmp/deckhand-in-bot-aws.log
case "$FAKE" in
  fixture)
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$CP" dev.deckhand.bench.FixtureAwsServer "$PORT" bench/cold-scan >"$LOG" 2>&1 & ;;
  wiremock)
    java -jar "$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar)" --port "$PORT" \
      --root-dir bench/cold-scan --no-request-journal --disable-banner --container-threads 400 \
      --jetty-accept-queue-size 1000 --async-response-enabled true --async-response-threads 100 >"$LOG" 2>&1 & ;;
  in-jvm) ;;
  *) echo "FAKE must be fixture, wiremock or in-jvm, not $FAKE" >&2; exit 2 ;;
esac
if [ "$FAKE" != in-jvm ]; then
  AWS_PID=$!
  trap 'kill $AWS_PID' EXIT
  for _ in $(seq 100); do curl -s -o /dev/null "http://localhost:$PORT/" && break; sleep 0.2; done
  ENDPOINT=("http://localhost:$PORT")
fi
read -r -a FLAGS <<<"${JVM-$(bench/image-jvm-flags.sh)}"
echo "fake AWS: $FAKE; scanning JVM: ${FLAGS[*]:-(JVM defaults)}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java "${FLAGS[@]}" -Dbench.awsPid="${AWS_PID:-}" -Dbench.gapMillis="${GAP_MS:-1100}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  dev.deckhand.bench.InBotScanBench "$REGIONS" "${1:-10}" "${2:-0}" "${3:-5}" "${ENDPOINT[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
