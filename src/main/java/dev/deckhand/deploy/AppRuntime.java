package dev.deckhand.deploy;

import dev.deckhand.validate.UsageException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The app kinds Deckhand can install and run as a systemd service. Each knows how to install its
 * runtime on Amazon Linux 2023 (dnf) or Ubuntu (apt-get), where the artifact goes, and how to start it.
 */
public enum AppRuntime {
    /** A Spring Boot fat jar. */
    SPRING("spring", "app.jar",
            List.of("if command -v dnf >/dev/null 2>&1; then dnf install -y java-17-amazon-corretto-headless;",
                    "else apt-get update -y && DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jre-headless; fi"),
            "/usr/bin/java -jar /opt/deckhand-app/app.jar --server.port=${PORT}"),
    /** An Express app packed with {@code npm pack} (a .tgz with package.json and a start script). */
    EXPRESS("express", "app.tgz",
            List.of("if command -v dnf >/dev/null 2>&1; then dnf install -y nodejs20 || dnf install -y nodejs;",
                    "else apt-get update -y && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; fi"),
            "/usr/bin/env npm start --prefix /opt/deckhand-app/current");

    /** The systemd unit every Deckhand app runs as, so a redeploy knows what to restart. */
    public static final String SERVICE = "deckhand-app";

    private final String label;
    private final String artifactFile;
    private final List<String> install;
    private final String execStart;

    AppRuntime(String label, String artifactFile, List<String> install, String execStart) {
        this.label = label;
        this.artifactFile = artifactFile;
        this.install = install;
        this.execStart = execStart;
    }

    public String label() {
        return label;
    }

    public String artifactFile() {
        return artifactFile;
    }

    public List<String> installCommands() {
        return install;
    }

    public String execStart() {
        return execStart;
    }

    /** Lines that put a downloaded artifact in place (unpacking an Express package). */
    List<String> unpack() {
        return this == SPRING ? List.of()
                : List.of("rm -rf /opt/deckhand-app/current && mkdir -p /opt/deckhand-app/current",
                "tar -xzf /opt/deckhand-app/app.tgz -C /opt/deckhand-app/current --strip-components=1",
                "(cd /opt/deckhand-app/current && npm install --omit=dev --no-audit --no-fund)");
    }

    public static AppRuntime parse(String raw) {
        return Arrays.stream(values()).filter(r -> r.label.equals(raw.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new UsageException("'" + raw + "' is not an app kind Deckhand can run.",
                        "Use --app spring (a Spring Boot jar) or --app express (an npm-packed .tgz)."));
    }
}
