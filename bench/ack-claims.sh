#!/usr/bin/env bash
# Issue 10: latency of the two store claims a Slack acknowledgement makes (replay key + delivery key) at a
# fixed rate, Deckhand's store (write-ahead log copied back on its own thread) side by side with SQLite's
# default checkpointing (the writer's commit does it), twice, interleaved. See README, section "Slack".
# Usage: bench/ack-claims.sh [requests-per-second] [seconds]     (defaults: 200 30)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.cp)" \
  dev.deckhand.store.AckClaimsBench "${1:-200}" "${2:-30}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
