#!/usr/bin/env bash
# Issue 10: ack latency of the Slack HTTP endpoint (Jetty front) at a fixed rate, side by side in one run:
# a bare Bolt app (yardstick), Deckhand's instant command (help) and a deferred one (ack, then one EC2 call
# answered by WireMock after a delay); ratio p99/p99; RSS under the deferred load; /healthz p99 while 500
# stalled connections are open. See README, section "Slack". Deckhand runs in its own JVM (SlackAckDeckhand, JVM options
# from DECKHAND_JAVA_OPTS, default: the Dockerfile's JDK_JAVA_OPTIONS), so the RSS and CPU printed for it are its own; the fakes, the load
# generator and the bare Bolt app share the bench JVM (options from HEAP).
# Usage: bench/slack-ack.sh [rate-per-second] [seconds] [aws-delay-ms]     (defaults: 200 30 50)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
# Deckhand's JVM runs as the Docker image runs it: the Dockerfile's JDK_JAVA_OPTIONS (read from it, so the
# two cannot drift apart) and two malloc arenas; DECKHAND_JAVA_OPTS overrides.
export DECKHAND_JAVA_OPTS=${DECKHAND_JAVA_OPTS:-$(bench/image-jvm-flags.sh)}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java ${HEAP:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.cp)" \
  dev.deckhand.bench.SlackAckBench "${1:-200}" "${2:-30}" "${3:-50}"
