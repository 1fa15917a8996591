#!/usr/bin/env bash
# Store latency benchmark: delivery claims and lease renewals on SQLite and on embedded PostgreSQL
# (see README, "Running several replicas"). Usage: bench/store.sh [claims-per-thread]   (default 500)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass=dev.deckhand.bench.StoreBench -Dexec.classpathScope=test \
  -Dexec.args="${1:-500}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
