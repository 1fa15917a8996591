# Build stage: compile and package the shaded jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# Run stage: a JRE only, as a non-root user. Mount your config at /app/config and keep data in a volume.
FROM eclipse-temurin:17-jre
# Memory (issue 17, bench/fresh-scans.sh): Deckhand's live heap under load is ~30 MB. A fixed 64 MB heap,
# touched at start, with the serial collector (what the JVM picks itself in a container with one CPU or
# under 1.8 GB) keeps resident memory flat at ~220-235 MB. With a 128 MB cap and G1, G1's own structures
# took 40 MB and the heap's pages were touched over minutes: 217 -> 275 MB in 100 s, no leak (NMT flat).
# glibc would give each of ~60 busy threads its own malloc arena; two are enough. Out of memory exits, so
# the supervisor restarts it. Raise the heap for big accounts with `docker run -e JDK_JAVA_OPTIONS=...`
# (the java launcher reads it; give the whole set of flags).
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC -Xms64m -Xmx64m -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError" MALLOC_ARENA_MAX=2
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
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/deckhand.jsa", "-jar", "/app/deckhand.jar"]
