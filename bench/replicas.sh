#!/usr/bin/env bash
# Command round-trips and approvals per second through the router: one Deckhand on SQLite against two
# replicas on one embedded PostgreSQL (see README, "Running several replicas").
# Usage: bench/replicas.sh [threads] [seconds-per-case]     (defaults: 8 4)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass=dev.deckhand.bench.ReplicasBench -Dexec.classpathScope=test \
  -Dexec.args="${1:-8} ${2:-4}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
