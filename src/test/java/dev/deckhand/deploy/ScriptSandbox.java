package dev.deckhand.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a generated script under a real shell (dash or bash) in a scratch root: every path the script
 * writes is under {@code $DECKHAND_ROOT}, /etc/os-release is a file of the test's choosing, and the
 * commands that would change a machine (package managers, systemctl, curl, aws, nginx, certbot, java,
 * npm, useradd, chown, tar, sleep, ...) are stubs on PATH that record their arguments, one call a line,
 * each argument in brackets so that spaces and quotes show.
 */
final class ScriptSandbox {

    static final List<String> STUBS = List.of("systemctl", "dnf", "apt-get", "snap", "curl", "aws", "nginx", "certbot",
            "java", "node", "npm", "useradd", "id", "chown", "journalctl", "tar", "sleep");

    /** Amazon Linux 2023's os-release (the fields that matter). */
    static final String AL2023 = "NAME=\"Amazon Linux\"\nVERSION=\"2023\"\nID=\"amzn\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"2023\"\n";
    /** Ubuntu 24.04's. */
    static final String UBUNTU = "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nID=ubuntu\nID_LIKE=debian\n";

    static final byte[] JAR = "PK\u0003\u0004 a Spring Boot jar".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] TGZ = "\u001f\u008b an npm pack tarball".getBytes(StandardCharsets.ISO_8859_1);

    private static final String RECORD = """
            #!/bin/sh
            name=$(basename "$0")
            { printf '%s' "$name"; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\\n'; } >> "$STUB_LOG"
            if [ -f "$STUB_DIR/$name.fail" ]; then exit "$(cat "$STUB_DIR/$name.fail")"; fi
            """;

    /** Health checks answer what the installed build says: a build containing "broken" does not answer. */
    private static final String CURL = RECORD + """
            case "$*" in
              *http://127.0.0.1:*)
                if cat "$DECKHAND_ROOT/opt/deckhand-app/app.jar" "$DECKHAND_ROOT/opt/deckhand-app/current/package.json" \\
                    2>/dev/null | grep -q broken; then printf '000'; exit 7; fi
                printf '200'; exit 0 ;;
            esac
            out=
            while [ $# -gt 0 ]; do case "$1" in -o) out=$2; shift ;; esac; shift; done
            cp "$STUB_DIR/artifact" "$out"
            """;

    private static final String AWS = RECORD + """
            for last in "$@"; do :; done
            cp "$STUB_DIR/artifact" "$last"
            """;

    /** Unpacks nothing: the tarball's bytes become the package's package.json, so a health check can read them. */
    private static final String TAR = RECORD + """
            file=; dir=
            while [ $# -gt 0 ]; do case "$1" in -xzf) file=$2; shift ;; -C) dir=$2; shift ;; esac; shift; done
            cp "$file" "$dir/package.json"
            """;

    /** No deckhand-app user exists, so the script creates it. */
    private static final String ID = RECORD + "exit 1\n";

    final Path root;
    final Path bin;
    final Path stubs;
    final Path log;

    ScriptSandbox(Path dir, String osRelease) {
        try {
            root = Files.createDirectories(dir.resolve("root"));
            bin = Files.createDirectories(dir.resolve("bin"));
            stubs = Files.createDirectories(dir.resolve("stub-state"));
            log = dir.resolve("calls.log");
            Files.writeString(log, "");
            Files.createDirectories(root.resolve("etc"));
            Files.writeString(root.resolve("etc/os-release"), osRelease);
            for (String name : STUBS) {
                String text = switch (name) {
                    case "curl" -> CURL;
                    case "aws" -> AWS;
                    case "tar" -> TAR;
                    case "id" -> ID;
                    default -> RECORD;
                };
                Path stub = bin.resolve(name);
                Files.writeString(stub, text);
                Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            serve(JAR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What curl and aws s3 cp download from now on. */
    ScriptSandbox serve(byte[] artifact) {
        write(stubs.resolve("artifact"), artifact);
        return this;
    }

    ScriptSandbox serve(String artifact) {
        return serve(artifact.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Every later call of {@code command} exits with {@code code}. */
    ScriptSandbox failing(String command, int code) {
        write(stubs.resolve(command + ".fail"), Integer.toString(code).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    ScriptSandbox healed(String command) {
        try {
            Files.deleteIfExists(stubs.resolve(command + ".fail"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A file under the scratch root ({@code /opt/deckhand-app/app.jar} -> root/opt/...). */
    Path file(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    String read(String absolute) {
        try {
            return Files.readString(file(absolute), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String absolute) {
        return Files.exists(file(absolute));
    }

    /** The outcome of one run. */
    record Run(int exit, String out, String err, List<String> calls) {
        List<String> callsOf(String command) {
            return calls.stream().filter(c -> c.equals(command) || c.startsWith(command + " ")).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err + "--- calls\n" + String.join("\n", calls);
        }
    }

    /** Runs {@code script} with {@code shell} ("dash" or "bash"); the calls are those of this run only. */
    Run run(String shell, String script) {
        try {
            Files.writeString(log, "");
            Path file = Files.createTempFile(stubs, "script", ".sh");
            Files.writeString(file, script);
            ProcessBuilder pb = new ProcessBuilder(shell, file.toString());
            pb.environment().clear();
            pb.environment().put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
            pb.environment().put("DECKHAND_ROOT", root.toString());
            pb.environment().put("DECKHAND_OS_RELEASE", root.resolve("etc/os-release").toString());
            pb.environment().put("STUB_LOG", log.toString());
            pb.environment().put("STUB_DIR", stubs.toString());
            pb.environment().put("LC_ALL", "C");
            Path out = stubs.resolve("out.txt");
            Path err = stubs.resolve("err.txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(shell + " did not finish in 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err),
                    new ArrayList<>(Files.readAllLines(log)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code shell -n}: the exit code and complaints of a syntax-only read. */
    static Run syntax(Path dir, String shell, String script) {
        try {
            Path file = Files.createTempFile(dir, "syntax", ".sh");
            Files.writeString(file, script);
            Process p = new ProcessBuilder(shell, "-n", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return new Run(p.exitValue(), out, "", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
