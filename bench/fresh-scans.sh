#!/usr/bin/env bash
# Issue 17: leaks --fresh N times a second against WireMock, Deckhand beside the pre-issue-17 yardstick;
# AWS calls/s, threads and RSS per second (see README, "Rate limits"). The JVM is the bench's own (not
# Maven's), so RSS is Deckhand's plus the in-process WireMock's.
# Usage: bench/fresh-scans.sh [seconds] [rate] [latency-ms] [budget]     (defaults: 100 5 100 5)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/classes:target/test-classes:$(cat target/bench.cp)" \
  dev.deckhand.bench.FreshScanBench "${1:-100}" "${2:-5}" "${3:-100}" "${4:-5}"
