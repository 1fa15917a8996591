#!/usr/bin/env bash
# Prints the JVM flags the Docker image runs Deckhand with (the Dockerfile's JDK_JAVA_OPTIONS), so the
# benchmarks measure what ships and cannot drift from it. Fails when the Dockerfile no longer sets them.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile)
[ -n "$flags" ] || { echo "bench/image-jvm-flags.sh: no ENV JDK_JAVA_OPTIONS=\"...\" line in Dockerfile" >&2; exit 1; }
echo "$flags"
