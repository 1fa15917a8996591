package dev.deckhand.app;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/deckhand, run by dash and by bash with a stub java that records its arguments (each in brackets, so
 * spaces show), exits with the code in its .exit file and, like the JVM, writes the file named by
 * -XX:ArchiveClassesAtExit when it exits.
 */
class LauncherScriptTest {

    private static final String STUB_JAVA = """
            #!/bin/sh
            { for a in "$@"; do printf '[%s]' "$a"; done; printf '\\n'; } >> "$STUB_LOG"
            for a in "$@"; do
              case "$a" in -XX:ArchiveClassesAtExit=*) printf 'archive' > "${a#-XX:ArchiveClassesAtExit=}" ;; esac
            done
            exit "$(cat "$STUB_EXIT" 2>/dev/null || echo 0)"
            """;

    /** The JVM's own log lines go to stderr: stdout is the scan's (scan --json). */
    private static final String LOGS = "[-Xlog:disable][-Xlog:all=warning:stderr]";

    @TempDir
    Path temp;

    private Path jar;
    private Path cds;
    private Path log;
    private Path exit;
    private Path java;

    private void setUp() throws IOException {
        jar = Files.writeString(temp.resolve("deckhand.jar"), "PK a jar");
        cds = temp.resolve("cache");
        log = temp.resolve("java.log");
        exit = temp.resolve("java.exit");
        java = temp.resolve("java");
        Files.writeString(java, STUB_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run run(String shell, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(shell, Path.of("bin/deckhand").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        // Run from the scratch directory (where a glob could match a file) with a CDPATH that would mislead cd.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(temp.toFile());
        builder.environment().put("CDPATH", temp.toString());
        builder.environment().put("DECKHAND_JAR", jar.toString());
        builder.environment().put("JAVA", java.toString());
        builder.environment().put("DECKHAND_CDS_DIR", cds.toString());
        builder.environment().put("STUB_LOG", log.toString());
        builder.environment().put("STUB_EXIT", exit.toString());
        builder.environment().remove("DECKHAND_JAVA_OPTS");
        builder.environment().putAll(env);
        Files.deleteIfExists(log);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String calls = Files.exists(log) ? Files.readString(log).strip() : "";
        return new Run(process.exitValue(), output, calls);
    }

    private record Run(int exit, String output, String javaCall) { }

    private List<Path> cached() throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void theFirstCompleteScan_writesTheArchive_andEveryLaterRunMapsIt(String shell) throws Exception {
        setUp();
        Run first = run(shell, Map.of(), "scan", "--json");

        assertThat(first.exit()).isZero();
        assertThat(first.output()).contains("writing their class archive");
        assertThat(first.javaCall()).startsWith("[-XX:ArchiveClassesAtExit=" + cds + "/deckhand-")
                .endsWith(".partial]" + LOGS + "[-XX:+UseSerialGC][-XX:TieredStopAtLevel=1][-jar][" + jar + "][scan][--json]");
        List<Path> archives = cached();
        assertThat(archives).hasSize(1);
        assertThat(archives.get(0).getFileName().toString()).matches("deckhand-\\d+\\.jsa");

        Run later = run(shell, Map.of(), "console", "--config", "my config.yml");
        assertThat(later.javaCall()).isEqualTo("[-XX:SharedArchiveFile=" + archives.get(0)
                + "]" + LOGS + "[-XX:+UseSerialGC][-XX:TieredStopAtLevel=1][-jar][" + jar + "][console][--config][my config.yml]");
        assertThat(later.output()).doesNotContain("writing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aRunThatIsNotACompleteScan_writesNoArchive_andKeepsItsExitCode(String shell) throws Exception {
        setUp();
        Run help = run(shell, Map.of(), "--help");
        assertThat(help.javaCall()).isEqualTo(LOGS + "[-XX:+UseSerialGC][-XX:TieredStopAtLevel=1][-jar][" + jar + "][--help]");

        Files.writeString(exit, "2"); // a region could not be scanned, or the config was wrong: too few classes loaded
        Run failed = run(shell, Map.of(), "scan");
        assertThat(failed.exit()).isEqualTo(2);
        assertThat(failed.javaCall()).contains("-XX:ArchiveClassesAtExit=");
        assertThat(cached()).as("neither the archive nor its partial file is kept").isEmpty();

        Files.writeString(exit, "1"); // waste above the threshold: a complete scan
        Run above = run(shell, Map.of(), "scan");
        assertThat(above.exit()).isEqualTo(1);
        assertThat(cached()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aNewBuildOfTheJar_getsAnArchiveOfItsOwn(String shell) throws Exception {
        setUp();
        run(shell, Map.of(), "scan");
        Path old = cached().get(0);
        Files.writeString(jar, "PK a rebuilt, larger jar");

        Run rebuilt = run(shell, Map.of(), "scan");

        assertThat(rebuilt.javaCall()).contains("-XX:ArchiveClassesAtExit=").doesNotContain(old.toString());
        assertThat(cached()).hasSize(2).contains(old);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aSameSizeRebuildWithinTheMinute_isNotRunWithTheOldArchive(String shell) throws Exception {
        setUp();
        run(shell, Map.of(), "scan");
        Path old = cached().get(0);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(5)));
        Files.writeString(jar, "PK a jar"); // rebuilt: same size, same minute, newer than the archive

        Run rebuilt = run(shell, Map.of(), "console");

        assertThat(rebuilt.javaCall()).doesNotContain("SharedArchiveFile");
        Run rescan = run(shell, Map.of(), "scan");
        assertThat(rescan.javaCall()).contains("-XX:ArchiveClassesAtExit=" + old + ".");
        assertThat(run(shell, Map.of(), "console").javaCall()).contains("-XX:SharedArchiveFile=" + old + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void optionsAndTheArchiveCanBeSetOrTurnedOff(String shell) throws Exception {
        setUp();
        Files.writeString(temp.resolve("-Dglob=match-me"), ""); // a file a glob in the options would expand to
        Run own = run(shell, Map.of("DECKHAND_JAVA_OPTS", "-Xmx64m -XX:+UseSerialGC -Dglob=*", "DECKHAND_CDS_DIR", ""), "scan");

        assertThat(own.javaCall()).isEqualTo(LOGS + "[-Xmx64m][-XX:+UseSerialGC][-Dglob=*][-jar][" + jar + "][scan]");
        assertThat(cached()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aMissingJar_saysHowToBuildIt(String shell) throws Exception {
        setUp();
        Run missing = run(shell, Map.of("DECKHAND_JAR", temp.resolve("nowhere.jar").toString()), "scan");

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("no deckhand.jar found at " + temp.resolve("nowhere.jar"))
                .contains("mvn -B -DskipTests package");
        assertThat(missing.javaCall()).isEmpty();
    }
}
