# Build stage: compile and package the shaded jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# Run stage: a JRE only, as a non-root user. Mount your config at /app/config and keep data in a volume.
FROM eclipse-temurin:17-jre
# Memory and CPU (issues 10 and 17; bench/fresh-scans.sh and bench/slack-ack.sh run Deckhand with these flags):
# - a fixed 96 MB heap, touched at start so the resident size is what it will stay. The live heap is 27-40 MB
#   under 200 Slack requests/s and ~30 MB under repeated scans; 64 MB ran out of memory in a Slack burst.
# - the serial collector, which the JVM picks itself in a container with one CPU or under 1.8 GB; G1's own
#   structures took 40 MB more.
# - C1 only (TieredStopAtLevel=1): C2's compiler arenas and code took 25-30 MB more, and its compiling
#   cost more CPU per Slack request for minutes (4-6 ms, against 2 ms with C1) than its faster code saved.
# - out of memory exits, so the supervisor restarts Deckhand instead of leaving it half alive; glibc would
#   give each of ~60 busy threads its own malloc arena, two are enough.
# - thread priorities honoured (ThreadPriorityPolicy=1): the Slack workers, which run commands after the
#   ack, run at Java's lowest priority (nice 4), so when the CPU is short Slack's 3 s acks go first. Lowering
#   a priority needs no privilege; the JVM still prints a one-line warning at start that it "may require
#   system level permission", which is expected.
# Override with `docker run -e JDK_JAVA_OPTIONS="..."` (the java launcher reads it; give the whole set).
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC -Xms96m -Xmx96m -XX:+AlwaysPreTouch -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -XX:ThreadPriorityPolicy=1" MALLOC_ARENA_MAX=2
RUN groupadd --system deckhand && useradd --system --gid deckhand --home-dir /app deckhand
WORKDIR /app
COPY --from=build /src/target/deckhand.jar /app/deckhand.jar
COPY config /app/config
RUN mkdir -p /app/data && chown -R deckhand:deckhand /app
# AppCDS: one training scan writes the archive of the classes start-up loads (issue 14: a one-shot scan
# spends most of its CPU loading and linking SDK classes). It runs in THIS stage because an archive is
# valid only for the exact JVM and jar that wrote it. The endpoint is a closed local port, so the scan
# fails fast with no network and no credentials; its exit code is ignored, only the archive matters.
# The build stops if no archive was written (a broken training run is noticed here, not in production);
# at run time a stale archive is not an error: the JVM warns and starts without it.
RUN DECKHAND_AWS_ENDPOINT=http://127.0.0.1:9 DECKHAND_AWS_REGIONS=us-east-1 DECKHAND_STORE_PATH=/tmp/train.db \
    AWS_ACCESS_KEY_ID=training AWS_SECRET_ACCESS_KEY=training \
    java -XX:ArchiveClassesAtExit=/app/deckhand.jsa -jar /app/deckhand.jar scan >/dev/null 2>&1; \
    test -s /app/deckhand.jsa && rm -f /tmp/train.db*
USER deckhand
VOLUME ["/app/data"]
EXPOSE 3000
# The JVM's own log lines (e.g. an archive it cannot map) go to stderr: stdout is Deckhand's (`scan --json`).
ENTRYPOINT ["java", "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:SharedArchiveFile=/app/deckhand.jsa", "-jar", "/app/deckhand.jar"]
