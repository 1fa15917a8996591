package dev.deckhand.deploy;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redeploy script, run as SSM runs it ({@code sh}: dash on Ubuntu, bash on Amazon Linux) on an
 * instance the first-boot script set up in the same scratch root. A build containing "broken" does not
 * answer the health check (see {@link ScriptSandbox}).
 */
class RedeployScriptRunTest {

    static final String V1 = "https://artifacts.example.com/shop/app-1.0.0.jar";
    static final String V2 = "https://artifacts.example.com/shop/app-2.0.0.jar?X-Amz-Signature=ab%2F12&v=2";
    static final HealthCheck HEALTH = HealthCheck.parse(Optional.of("/actuator/health"), Optional.of("9"));

    @TempDir
    Path dir;

    /** An instance launched with v1 of a spring app on port 8080. */
    ScriptSandbox launched(String shell, String os) {
        ScriptSandbox box = new ScriptSandbox(dir, os).serve("PK\u0003\u0004 version 1");
        ScriptSandbox.Run boot = box.run(shell, UserDataScript.builder(AppRuntime.SPRING).artifact(V1).port(8080).build().text());
        assertThat(boot.exit()).as(boot.toString()).isZero();
        return box;
    }

    static String redeploy(AppRuntime runtime, String url, Optional<Integer> port) {
        return String.join("\n", RedeployScript.commands(runtime, Artifact.parse(url, false, Optional.empty()), port, HEALTH)) + "\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void healthy_newVersionRuns_andTheOldOneIsKeptAsTheRollbackCopy(String shell) {
        ScriptSandbox box = launched(shell, ScriptSandbox.UBUNTU).serve("PK\u0003\u0004 version 2");

        ScriptSandbox.Run run = box.run(shell, redeploy(AppRuntime.SPRING, V2, Optional.of(9090)));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(box.read("/opt/deckhand-app/app.jar")).endsWith("version 2");
        assertThat(box.read("/opt/deckhand-app/app.jar.previous")).endsWith("version 1");
        assertThat(box.read("/opt/deckhand-app/VERSION")).isEqualTo("app-2.0.0.jar\n");
        assertThat(box.read("/etc/systemd/system/deckhand-app.service")).contains("Environment=PORT=9090\n");
        assertThat(run.callsOf("curl")).first().asString().endsWith("[" + V2 + "]");
        assertThat(run.callsOf("curl")).last().asString().contains("[http://127.0.0.1:9090/actuator/health]");
        assertThat(run.callsOf("systemctl")).containsExactly("systemctl [daemon-reload]", "systemctl [restart] [deckhand-app]");
        assertThat(run.out()).contains("==> downloading app-2.0.0.jar", "==> keeping app-1.0.0.jar as the rollback copy",
                "==> restarting deckhand-app with app-2.0.0.jar on port 9090",
                "DECKHAND-RESULT: deployed app-2.0.0.jar; running on port 9090; app-1.0.0.jar kept as the rollback copy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void unhealthy_thePreviousVersionIsRestored_andTheScriptSaysSoWithItsOwnExitCode(String shell) {
        ScriptSandbox box = launched(shell, ScriptSandbox.AL2023).serve("PK\u0003\u0004 version 2 broken");

        ScriptSandbox.Run run = box.run(shell, redeploy(AppRuntime.SPRING, V2, Optional.of(9090)));

        assertThat(run.exit()).as(run.toString()).isEqualTo(RedeployScript.ROLLED_BACK);
        assertThat(box.read("/opt/deckhand-app/app.jar")).endsWith("version 1");
        assertThat(box.read("/opt/deckhand-app/VERSION")).isEqualTo("app-1.0.0.jar\n");
        // The unit (and its port) is the old one again.
        assertThat(box.read("/etc/systemd/system/deckhand-app.service")).contains("Environment=PORT=8080\n");
        assertThat(run.callsOf("curl").stream().filter(c -> c.contains("127.0.0.1:9090"))).hasSize(HEALTH.tries());
        assertThat(run.callsOf("curl").stream().filter(c -> c.contains("127.0.0.1:8080"))).hasSize(1);
        assertThat(run.callsOf("systemctl")).containsExactly("systemctl [daemon-reload]", "systemctl [restart] [deckhand-app]",
                "systemctl [daemon-reload]", "systemctl [restart] [deckhand-app]");
        assertThat(run.out()).contains("==> health check failed: app-2.0.0.jar did not answer on port 9090/actuator/health",
                "==> rolling back to app-1.0.0.jar",
                "DECKHAND-RESULT: rolled back: app-1.0.0.jar runs again; app-2.0.0.jar failed its health check");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void withoutPort_theServiceKeepsItsPort(String shell) {
        ScriptSandbox box = launched(shell, ScriptSandbox.UBUNTU).serve("PK\u0003\u0004 version 2");

        ScriptSandbox.Run run = box.run(shell, redeploy(AppRuntime.SPRING, V2, Optional.empty()));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(box.read("/etc/systemd/system/deckhand-app.service")).contains("Environment=PORT=8080\n");
        assertThat(run.callsOf("curl")).last().asString().contains("[http://127.0.0.1:8080/actuator/health]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aTarballForASpringInstance_isRefused_andNothingIsReplaced(String shell) {
        ScriptSandbox box = launched(shell, ScriptSandbox.UBUNTU).serve(ScriptSandbox.TGZ);

        ScriptSandbox.Run run = box.run(shell, redeploy(AppRuntime.EXPRESS, "https://artifacts.example.com/shop-2.tgz", Optional.empty()));

        assertThat(run.exit()).isEqualTo(RedeployScript.WRONG_KIND);
        assertThat(run.err()).contains("this instance runs a spring app; shop-2.tgz was sent as express. Nothing was replaced.");
        assertThat(box.read("/opt/deckhand-app/app.jar")).endsWith("version 1");
        assertThat(run.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aTarballServedUnderAJarName_isRefusedAfterTheDownload_andNothingIsReplaced(String shell) {
        ScriptSandbox box = launched(shell, ScriptSandbox.AL2023).serve(ScriptSandbox.TGZ);

        ScriptSandbox.Run run = box.run(shell, redeploy(AppRuntime.SPRING, V2, Optional.empty()));

        assertThat(run.exit()).isEqualTo(RedeployScript.WRONG_KIND);
        assertThat(box.read("/opt/deckhand-app/app.jar")).endsWith("version 1");
        assertThat(box.exists("/opt/deckhand-app/app.jar.new")).isFalse();
        assertThat(run.callsOf("systemctl")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aFailedDownload_stopsBeforeAnythingIsReplacedOrRestarted(String shell) {
        ScriptSandbox box = launched(shell, ScriptSandbox.UBUNTU).failing("curl", 22);

        ScriptSandbox.Run run = box.run(shell, redeploy(AppRuntime.SPRING, V2, Optional.empty()));

        assertThat(run.exit()).isEqualTo(22);
        assertThat(box.read("/opt/deckhand-app/app.jar")).endsWith("version 1");
        assertThat(run.callsOf("systemctl")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void onAnInstanceWithoutTheService_saysToLaunchWithApp(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.UBUNTU);

        ScriptSandbox.Run run = box.run(shell, redeploy(AppRuntime.SPRING, V2, Optional.empty()));

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("No deckhand-app service here: launch the instance with --app first.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void express_unhealthy_restoresThePreviousPackage(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.AL2023).serve("\u001f\u008b express v1");
        assertThat(box.run(shell, UserDataScript.builder(AppRuntime.EXPRESS).artifact("https://a.example.com/shop-1.tgz")
                .build().text()).exit()).isZero();
        box.serve("\u001f\u008b express v2 broken");

        ScriptSandbox.Run run = box.run(shell, redeploy(AppRuntime.EXPRESS, "https://a.example.com/shop-2.tgz", Optional.empty()));

        assertThat(run.exit()).as(run.toString()).isEqualTo(RedeployScript.ROLLED_BACK);
        assertThat(box.read("/opt/deckhand-app/current/package.json")).endsWith("express v1");
        assertThat(box.read("/opt/deckhand-app/app.tgz")).endsWith("express v1");
        assertThat(run.out()).contains("DECKHAND-RESULT: rolled back: shop-1.tgz runs again; shop-2.tgz failed its health check");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void withNginx_aNewPortMovesTheUpstream(String shell) {
        ScriptSandbox box = new ScriptSandbox(dir, ScriptSandbox.UBUNTU).serve("PK\u0003\u0004 version 1");
        assertThat(box.run(shell, UserDataScript.builder(AppRuntime.SPRING).artifact(V1).port(8080)
                .httpsWithNginx("shop.example.com", Optional.empty()).build().text()).exit()).isZero();
        box.serve("PK\u0003\u0004 version 2");

        ScriptSandbox.Run run = box.run(shell, redeploy(AppRuntime.SPRING, V2, Optional.of(9000)));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(box.read("/etc/nginx/conf.d/deckhand-app.conf")).contains("proxy_pass http://127.0.0.1:9000;")
                .doesNotContain("8080");
        assertThat(run.callsOf("nginx")).containsExactly("nginx [-t]");
        assertThat(run.callsOf("systemctl")).contains("systemctl [reload] [nginx]");
    }
}
