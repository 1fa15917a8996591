# Build stage: compile and package the shaded jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# Run stage: a JRE only, as a non-root user. Mount your config at /app/config and keep data in a volume.
FROM eclipse-temurin:17-jre
RUN groupadd --system deckhand && useradd --system --gid deckhand --home-dir /app deckhand
WORKDIR /app
COPY --from=build /src/target/deckhand.jar /app/deckhand.jar
COPY config /app/config
RUN mkdir -p /app/data && chown -R deckhand:deckhand /app
USER deckhand
VOLUME ["/app/data"]
EXPOSE 3000
ENTRYPOINT ["java", "-jar", "/app/deckhand.jar"]
