#!/usr/bin/env bash
# Ack-latency benchmark of the Slack HTTP endpoint (see README, section "Slack").
# Usage: bench/slack-ack.sh [rate-per-second] [seconds] [aws-delay-ms]     (defaults: 200 30 50)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass=dev.deckhand.bench.SlackAckBench -Dexec.classpathScope=test \
  -Dexec.args="${1:-200} ${2:-30} ${3:-50}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
