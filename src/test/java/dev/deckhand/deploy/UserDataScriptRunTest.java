package dev.deckhand.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-boot scripts, run: under dash (Ubuntu's sh) and bash (Amazon Linux's), with stub commands
 * in a scratch root (see {@link ScriptSandbox}). An emulator reports success without running anything.
 */
class UserDataScriptRunTest {

    static final String PRESIGNED = "https://shop-builds.s3.amazonaws.com/app-1.4.2.jar?X-Amz-Credential=AKIA%2F20261125"
            + "&X-Amz-Signature=ab12=&v=2";

    @TempDir
    Path dir;

    static String spring(int port) {
        return UserDataScript.builder(AppRuntime.SPRING).artifact(PRESIGNED).port(port).build().text();
    }

    static String express() {
        return UserDataScript.builder(AppRuntime.EXPRESS).artifact("https://artifacts.example.com/shop-1.0.0.tgz")
                .build().text();
    }

    static String nginx(AppRuntime runtime, Optional<String> email) {
        return UserDataScript.builder(runtime).artifact(runtime == AppRuntime.SPRING ? PRESIGNED
                        : "https://artifacts.example.com/shop-1.0.0.tgz").port(3000)
                .httpsWithNginx("shop.example.com", email).build().text();
    }

    /** Every variant, for the syntax check. */
    static List<String> variants() {
        List<String> all = new ArrayList<>(List.of(spring(8080), express(), nginx(AppRuntime.SPRING, Optional.empty()),
                nginx(AppRuntime.EXPRESS, Optional.of("ops+certs@example.com")),
                UserDataScript.builder(AppRuntime.SPRING).artifact(Artifact.parse("s3://shop-builds/app-1.4.2.jar", false,
                        Optional.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))).build().text()));
        for (AppRuntime runtime : AppRuntime.values()) {
            for (boolean port : new boolean[] {true, false}) {
                all.add(String.join("\n", RedeployScript.commands(runtime, Artifact.parse(runtime == AppRuntime.SPRING
                                ? PRESIGNED : "https://artifacts.example.com/shop-1.0.1.tgz", false, Optional.empty()),
                        port ? Optional.of(9090) : Optional.empty(), HealthCheck.parse(Optional.of("/actuator/health"),
                                Optional.empty()))) + "\n");
            }
        }
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void everyVariant_parsesUnderTheShell(String shell) {
        for (String script : variants()) {
            ScriptSandbox.Run run = ScriptSandbox.syntax(dir, shell, script);
            assertThat(run.exit()).as(shell + " -n\n" + run.out() + "\n" + script).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void spring_onAmazonLinux_installsCorretto_downloadsTheWholeUrl_andRunsTheServiceOnItsPort(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.AL2023);

        ScriptSandbox.Run run = box.run(shell, spring(9090));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.callsOf("dnf")).containsExactly("dnf [install] [-y] [java-17-amazon-corretto-headless]");
        assertThat(run.callsOf("apt-get")).isEmpty();
        assertThat(run.callsOf("curl")).containsExactly("curl [-fsSL] [--retry] [3] [--proto] [=https] [--proto-redir] "
                + "[=https] [-o] [" + box.file("/opt/deckhand-app/app.jar") + "] [" + PRESIGNED + "]");
        assertThat(run.callsOf("useradd")).containsExactly("useradd [--system] [--home-dir] [/opt/deckhand-app] [--shell] "
                + "[/sbin/nologin] [deckhand-app]");
        assertThat(run.callsOf("systemctl")).containsExactly("systemctl [daemon-reload]", "systemctl [enable] [--now] [deckhand-app]");
        assertThat(box.read("/etc/systemd/system/deckhand-app.service")).contains("Environment=PORT=9090\n",
                "Environment=SERVER_PORT=9090\n", "ExecStart=" + box.bin.resolve("java") + " -jar /opt/deckhand-app/app.jar\n",
                "User=deckhand-app\n");
        assertThat(box.read("/opt/deckhand-app/kind")).isEqualTo("spring\n");
        assertThat(box.read("/opt/deckhand-app/VERSION")).isEqualTo("app-1.4.2.jar\n");
        assertThat(run.out()).contains("==> OS: amzn (dnf)", "==> deckhand-app set up: app-1.4.2.jar on port 9090");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void express_onUbuntu_installsNodeAndNpmWithApt_unpacksAndStartsWithNpm(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.UBUNTU).serve(ScriptSandbox.TGZ);

        ScriptSandbox.Run run = box.run(shell, express());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.callsOf("apt-get")).containsExactly("apt-get [update] [-y]", "apt-get [install] [-y] [nodejs] [npm]");
        assertThat(run.callsOf("dnf")).isEmpty();
        assertThat(run.callsOf("tar")).singleElement().asString().contains("[-xzf] [" + box.file("/opt/deckhand-app/app.tgz") + "]");
        assertThat(run.callsOf("npm")).containsExactly("npm [install] [--omit=dev] [--no-audit] [--no-fund]");
        assertThat(box.read("/etc/systemd/system/deckhand-app.service"))
                .contains("ExecStart=" + box.bin.resolve("npm") + " start --prefix /opt/deckhand-app/current\n",
                        "Environment=PORT=8080\n");
        assertThat(box.exists("/opt/deckhand-app/current/package.json")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void express_onAmazonLinux_installsNpmAsWellAsNode(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.AL2023).serve(ScriptSandbox.TGZ);

        ScriptSandbox.Run run = box.run(shell, express());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.callsOf("dnf")).containsExactly("dnf [install] [-y] [nodejs20] [nodejs20-npm]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void nginx_onUbuntu_proxiesToTheAppPort_andGivesCertbotTheDomainAndEmailIntact(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.UBUNTU).serve(ScriptSandbox.TGZ);

        ScriptSandbox.Run run = box.run(shell, nginx(AppRuntime.EXPRESS, Optional.of("ops+certs@example.com")));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.callsOf("apt-get")).containsExactly("apt-get [update] [-y]", "apt-get [install] [-y] [nodejs] [npm]",
                "apt-get [install] [-y] [nginx] [certbot] [python3-certbot-nginx]");
        assertThat(box.read("/etc/nginx/conf.d/deckhand-app.conf")).contains("server_name shop.example.com;",
                "proxy_pass http://127.0.0.1:3000;", "proxy_set_header Host $host;");
        assertThat(run.callsOf("nginx")).containsExactly("nginx [-t]");
        assertThat(run.callsOf("systemctl")).endsWith("systemctl [enable] [nginx]", "systemctl [restart] [nginx]");
        assertThat(run.callsOf("certbot")).containsExactly("certbot [--nginx] [--non-interactive] [--agree-tos] [--redirect] "
                + "[-d] [shop.example.com] [-m] [ops+certs@example.com]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void nginx_onAmazonLinux_installsWithDnf_andACertbotFailureLeavesTheAppUpWithAHint(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.AL2023).failing("certbot", 1);

        ScriptSandbox.Run run = box.run(shell, nginx(AppRuntime.SPRING, Optional.empty()));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.callsOf("dnf")).containsExactly("dnf [install] [-y] [java-17-amazon-corretto-headless]",
                "dnf [install] [-y] [nginx] [certbot] [python3-certbot-nginx]");
        assertThat(run.callsOf("certbot")).singleElement().asString().endsWith("[--register-unsafely-without-email]");
        assertThat(run.out()).contains("certbot failed: point shop.example.com at this instance, then run: "
                + "sudo certbot --nginx -d shop.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aFailingInstall_stopsTheScript_beforeAnythingIsDownloadedOrStarted(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.UBUNTU).failing("apt-get", 100);

        ScriptSandbox.Run run = box.run(shell, spring(8080));

        assertThat(run.exit()).isEqualTo(100);
        assertThat(run.callsOf("curl")).isEmpty();
        assertThat(run.callsOf("systemctl")).isEmpty();
        assertThat(box.exists("/etc/systemd/system/deckhand-app.service")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aFailedDownload_stopsTheScript(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.AL2023).failing("curl", 22);

        ScriptSandbox.Run run = box.run(shell, spring(8080));

        assertThat(run.exit()).isEqualTo(22);
        assertThat(run.callsOf("systemctl")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aChecksumMismatch_stopsBeforeTheServiceExists_andRemovesTheDownload(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.AL2023);
        String script = UserDataScript.builder(AppRuntime.SPRING).artifact(Artifact.parse(PRESIGNED, false,
                Optional.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))).build().text();

        ScriptSandbox.Run run = box.run(shell, script);

        assertThat(run.exit()).isEqualTo(7);
        assertThat(run.err()).contains("app-1.4.2.jar has SHA-256 ", "not 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08; "
                + "nothing was replaced");
        assertThat(box.exists("/opt/deckhand-app/app.jar")).isFalse();
        assertThat(box.exists("/etc/systemd/system/deckhand-app.service")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void theRightChecksum_passes(String shell) throws Exception {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.AL2023);
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(ScriptSandbox.JAR));
        String script = UserDataScript.builder(AppRuntime.SPRING).artifact(Artifact.parse(PRESIGNED, false,
                Optional.of(digest))).build().text();

        ScriptSandbox.Run run = box.run(shell, script);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("==> SHA-256 verified");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aTarballServedForASpringApp_isRefusedBeforeTheServiceExists(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.AL2023).serve(ScriptSandbox.TGZ);

        ScriptSandbox.Run run = box.run(shell, spring(8080));

        assertThat(run.exit()).isEqualTo(8);
        assertThat(run.err()).contains("app-1.4.2.jar is not a spring artifact");
        assertThat(box.exists("/etc/systemd/system/deckhand-app.service")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void anS3Artifact_isCopiedWithTheAwsCli(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.UBUNTU);
        String script = UserDataScript.builder(AppRuntime.SPRING).artifact("s3://shop-builds/releases/app=1,2@x.jar").build().text();

        ScriptSandbox.Run run = box.run(shell, script);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.callsOf("aws")).containsExactly("aws [s3] [cp] [--only-show-errors] [s3://shop-builds/releases/app=1,2@x.jar] ["
                + box.file("/opt/deckhand-app/app.jar") + "]");
        assertThat(run.callsOf("curl")).isEmpty();
        assertThat(run.callsOf("apt-get")).containsExactly("apt-get [update] [-y]", "apt-get [install] [-y] [openjdk-17-jre-headless]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void anUnknownOs_isRefusedWithWhatIsSupported(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, "ID=alpine\n");

        ScriptSandbox.Run run = box.run(shell, spring(8080));

        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.err()).contains("unsupported OS 'alpine': Deckhand supports Amazon Linux 2023 (dnf) and Ubuntu LTS (apt-get)");
        assertThat(run.calls()).isEmpty();
    }

    /** Whatever a value holds, single-quoting gets it to the command as one word, unchanged. */
    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void quotedValues_reachTheCommandIntact(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.AL2023);
        List<String> values = List.of("two words", "it's", "say \"hi\"", "$HOME and $(id) and `id`", "a\\b", "*", "-n", "");

        ScriptSandbox.Run run = box.run(shell, "systemctl " + String.join(" ", values.stream().map(Shell::quote).toList()) + "\n");

        assertThat(run.calls()).containsExactly("systemctl " + String.join(" ", values.stream().map(v -> "[" + v + "]").toList()));
    }
}
