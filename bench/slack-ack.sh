#!/usr/bin/env bash
# Issue 10: ack latency of the Slack HTTP endpoint (Jetty front) at a fixed rate, side by side in one run:
# a bare Bolt app (yardstick), Deckhand's instant command (help) and a deferred one (ack, then one EC2 call
# answered by WireMock after a delay); ratio p99/p99; RSS under the deferred load; /healthz p99 while 500
# stalled connections are open. See README, section "Slack".
# Usage: bench/slack-ack.sh [rate-per-second] [seconds] [aws-delay-ms]     (defaults: 200 30 50)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java ${HEAP:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.cp)" \
  dev.deckhand.bench.SlackAckBench "${1:-200}" "${2:-30}" "${3:-50}"
