#!/usr/bin/env bash
# Issue 14's in-bot target: a warm fresh scan inside a running Deckhand over bench/cold-scan.sh's 38 regions,
# against the same WireMock fixtures (150 ms per call), with the bot's scan pool and call budget; prints each
# scan's wall time and the median. See README, "Cost watch".
# Usage: bench/in-bot-scan.sh [scans] [concurrency] [budget]     (defaults: 10 40 5, the bot's defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
REGIONS=$(sed -n 's/^REGIONS=//p' bench/cold-scan.sh)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.cp)" \
  dev.deckhand.bench.InBotScanBench "$REGIONS" "${1:-10}" "${2:-40}" "${3:-5}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
