package dev.deckhand.deploy;

import dev.deckhand.validate.UsageException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The app kinds Deckhand can install and run as a systemd service. Each knows its packages on
 * Amazon Linux 2023 (dnf) and Ubuntu LTS (apt-get), the file its artifact is kept as, the first bytes
 * that file must start with (so a tarball is never installed as a jar), and how the service starts it.
 */
public enum AppRuntime {
    /** A Spring Boot fat jar (a zip: starts with {@code PK}). */
    SPRING("spring", "app.jar", "504b",
            List.of("java-17-amazon-corretto-headless"),
            List.of("openjdk-17-jre-headless")),
    /** An Express app packed with {@code npm pack} (a gzipped tarball with package.json and a start script). */
    EXPRESS("express", "app.tgz", "1f8b",
            // On AL2023 npm is a package of its own; without it there is no `npm start`.
            List.of("nodejs20", "nodejs20-npm"),
            List.of("nodejs", "npm"));

    /** The systemd unit every Deckhand app runs as, so a redeploy knows what to restart. */
    public static final String SERVICE = "deckhand-app";
    /** The instance tag that records which kind of app an instance runs (set at launch, read by deploy). */
    public static final String TAG = "deckhand:app";

    private final String label;
    private final String artifactFile;
    private final String magic;
    private final List<String> dnfPackages;
    private final List<String> aptPackages;

    AppRuntime(String label, String artifactFile, String magic, List<String> dnfPackages, List<String> aptPackages) {
        this.label = label;
        this.artifactFile = artifactFile;
        this.magic = magic;
        this.dnfPackages = dnfPackages;
        this.aptPackages = aptPackages;
    }

    public String label() {
        return label;
    }

    public String artifactFile() {
        return artifactFile;
    }

    /** The artifact's first two bytes in hex, as {@code od -An -tx1} prints them without spaces. */
    String magic() {
        return magic;
    }

    /** What it needs installed on Amazon Linux 2023. */
    public List<String> dnfPackages() {
        return dnfPackages;
    }

    /** What it needs installed on Ubuntu LTS. */
    public List<String> aptPackages() {
        return aptPackages;
    }

    public static AppRuntime parse(String raw) {
        return find(raw).orElseThrow(() -> new UsageException("'" + raw + "' is not an app kind Deckhand can run.",
                "Use --app spring (a Spring Boot jar) or --app express (an npm-packed .tgz)."));
    }

    /** The kind a label names ({@code spring}, {@code express}), empty for anything else. */
    public static Optional<AppRuntime> find(String raw) {
        return Arrays.stream(values()).filter(r -> r.label.equals(raw.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
