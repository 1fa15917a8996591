package dev.deckhand.deploy;

import dev.deckhand.aws.deploy.AwsRunCommand;
import dev.deckhand.aws.network.AwsInstanceDirectory;
import dev.deckhand.chat.Reply;
import dev.deckhand.validate.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.InfraXml;
import dev.deckhand.testing.Handlers;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import dev.deckhand.app.Deckhand;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.PlanJson;
import dev.deckhand.store.SqliteGrantStore;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.json;
import static dev.deckhand.testing.AwsStub.jsonTarget;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeployCommandsTest {

    static final String COMMAND = "ef7fdfd8-9b57-4151-a15c-db9a12345678";
    static final String JAR = "https://artifacts.example.com/shop/app-1.4.2.jar";

    AwsStub aws;
    MutableClock clock;
    DeployCommands commands;
    List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() {
        aws = new AwsStub(1);
        clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        commands = new DeployCommands(new AwsRunCommand(aws.clients), new AwsInstanceDirectory(aws.clients), clock,
                clock::advance, Duration.ofSeconds(3), Duration.ofMinutes(10));
        aws.server.stubFor(queryAction("DescribeInstances").atPriority(9)
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations())));
        web("spring");
        aws.server.stubFor(jsonTarget("AmazonSSM.SendCommand").willReturn(json("{\"Command\":{\"CommandId\":\"" + COMMAND
                + "\",\"DocumentName\":\"AWS-RunShellScript\",\"InstanceIds\":[\"i-0abc12345678\"],\"Status\":\"Pending\"}}")));
        invocations(notYet(), invocation("InProgress", -1, "", ""),
                invocation("Success", 0, "downloading\nDeployed app-1.4.2.jar; deckhand-app is active on port 8080.\n", ""));
    }

    /** web-1, running, with the deckhand:app tag {@code app} (none when empty). */
    void web(String app) {
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo("web-1"))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(appTag(
                        InfraXml.instance("i-0abc12345678", "web-1", "running", "54.1.2.3", "sg-0123456789abcdef0", "shop"), app)))));
    }

    static String appTag(String instanceXml, String app) {
        return app.isEmpty() ? instanceXml
                : instanceXml.replace("<tagSet>", "<tagSet><item><key>deckhand:app</key><value>" + app + "</value></item>");
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder notYet() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"InvocationDoesNotExist\",\"message\":\"\"}");
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder invocation(String status, int code, String out, String err) {
        return json("{\"CommandId\":\"" + COMMAND + "\",\"InstanceId\":\"i-0abc12345678\",\"DocumentName\":\"AWS-RunShellScript\","
                + "\"Status\":\"" + status + "\",\"StatusDetails\":\"" + status + "\",\"ResponseCode\":" + code + ","
                + "\"StandardOutputContent\":" + quote(out) + ",\"StandardErrorContent\":" + quote(err) + "}");
    }

    static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    void invocations(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
        aws.server.resetScenarios();
        for (int i = 0; i < answers.length; i++) {
            var stub = jsonTarget("AmazonSSM.GetCommandInvocation").inScenario("ssm").whenScenarioStateIs(i == 0 ? STARTED : "s" + i);
            if (i + 1 < answers.length) {
                stub = stub.willSetStateTo("s" + (i + 1));
            }
            aws.server.stubFor(stub.willReturn(answers[i]));
        }
    }

    Reply deploy(String instance, Map<String, String> flags) {
        return Handlers.call(commands.commands().get(0), "U2", List.of(instance), flags, progress::add);
    }

    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sends() {
        return aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")));
    }

    String sent() {
        return aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand"))).get(0).getBodyAsString();
    }

    @Test
    void deploy_sendsTheRedeployScriptThroughSsm_andReportsSuccess() {
        Reply reply = deploy("web-1", Map.of("artifact", JAR));

        assertThat(sent()).contains("\"DocumentName\":\"AWS-RunShellScript\"", "\"InstanceIds\":[\"i-0abc12345678\"]",
                "\"ARTIFACT_URL='" + JAR + "'\"", "\"systemctl restart deckhand-app\"", "\"TimeoutSeconds\":600");
        assertThat(reply.body()).isEqualTo("Deployed app-1.4.2.jar to web-1 (i-0abc12345678) in 6 s.");
        assertThat(reply.context()).containsExactly("```downloading\nDeployed app-1.4.2.jar; deckhand-app is active on port 8080.```",
                "SSM command " + COMMAND);
        assertThat(progress).contains("Deploy is InProgress…");
    }

    @Test
    void deploy_whenTheScriptFails_showsStatusExitCodeAndErrorTail() {
        invocations(invocation("Failed", 4, "", "Nov 25 app[123]: Port 8080 already in use\n"));

        Reply reply = deploy("web-1", Map.of("artifact", JAR));

        assertThat(reply.header()).isEqualTo("Deploy to web-1 (i-0abc12345678) failed");
        assertThat(reply.body()).isEqualTo("SSM says Failed (exit code 4) after 0 s. Nothing was replaced: the failure came "
                + "before the swap.\n```Nov 25 app[123]: Port 8080 already in use```");
    }

    @Test
    void deploy_toAnInstanceWithoutSsm_saysWhatItNeeds() {
        aws.server.stubFor(jsonTarget("AmazonSSM.SendCommand").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"InvalidInstanceId\",\"Message\":\"Instances not in a valid state for account\"}")));

        assertThatThrownBy(() -> deploy("web-1", Map.of("artifact", JAR))).isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("i-0abc12345678 is not managed by SSM, so Deckhand cannot run commands on it.");
    }

    @Test
    void deploy_withBadUrl_isRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> deploy("web-1", Map.of("artifact", "https://x.example.com/a.jar;curl evil.sh|sh")))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> deploy("web-1", Map.of())).hasMessage("Say which build to ship with --artifact.");
        assertThatThrownBy(() -> deploy("web-1", Map.of("artifact", JAR, "app", "rails")))
                .hasMessage("'rails' is not an app kind Deckhand can run.");
        assertThat(aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")))).isEmpty();
    }

    static final String PRESIGNED = "https://shop-builds.s3.amazonaws.com/app-1.4.3.jar?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAEXAMPLE%2F20261125%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=deadbeefcafe";

    /** web-1 as above, tagged as {@code owner}'s. */
    void webOwnedBy(String owner) {
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo("web-1"))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(appTag(
                        InfraXml.instance("i-0abc12345678", "web-1", "running", "54.1.2.3", "sg-0123456789abcdef0", "shop"), "spring")
                                .replace("<tagSet>", "<tagSet><item><key>deckhand:owner</key><value>" + owner + "</value></item>")
                                .replace("<placement>", "<launchTime>2026-11-20T08:00:00.000Z</launchTime><placement>")))));
    }

    @Test
    void plan_isOneDeployOnTheInstanceById_withItsOwner_andFingerprintedByLaunchTimeAndState() {
        webOwnedBy("U9");

        Plan plan = Handlers.plan(commands.commands().get(0), "U2", List.of("web-1"), Map.of("artifact", JAR));

        assertThat(plan.effects()).singleElement().isInstanceOfSatisfying(Effect.Deploy.class, d -> {
            assertThat(d.target().id()).isEqualTo("i-0abc12345678");
            assertThat(d.target().owner()).isEqualTo(new Owner.User("U9"));
            assertThat(d.target().stack()).isEqualTo("shop");
            assertThat(d.target().fingerprint()).isEqualTo("launched 2026-11-20T08:00:00Z, running");
            assertThat(d.artifact()).isEqualTo(JAR);
        });
        assertThat(sends()).isEmpty();
    }

    @Test
    void plan_ofAPresignedArtifact_showsTheUrlWithoutItsQuery_whileTheInstanceGetsTheWholeUrl() {
        Plan plan = Handlers.plan(commands.commands().get(0), "U2", List.of("web-1"), Map.of("artifact", PRESIGNED));

        String planJson = PlanJson.write(plan);
        assertThat(planJson).contains("https://shop-builds.s3.amazonaws.com/app-1.4.3.jar")
                .doesNotContain("X-Amz-Signature", "AKIAEXAMPLE", "deadbeefcafe");
        assertThat(plan.details()).containsEntry("Artifact", "https://shop-builds.s3.amazonaws.com/app-1.4.3.jar?…");
        assertThat(plan.notes()).allSatisfy(n -> assertThat(n).doesNotContain("X-Amz"));

        Reply reply = deploy("web-1", Map.of("artifact", PRESIGNED));

        assertThat(sent()).contains("X-Amz-Signature=deadbeefcafe");
        assertThat(reply.plainText()).doesNotContain("X-Amz").contains("Deployed app-1.4.3.jar to web-1 (i-0abc12345678)");
    }

    @Test
    void deploy_byADeployer_toAnotherOwnersInstance_needsApproval_andSendsNothing(@TempDir Path temp) {
        webOwnedBy("U9");
        RecordingChatPort chat = new RecordingChatPort();
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of())) {
            new SqliteGrantStore(deckhand.database(), clock).grant("U2", "deployer", "setup");

            Reply reply = TestDeckhand.run(deckhand, "U2", "C1", "deploy web-1 --artifact " + JAR);

            assertThat(reply.header()).as(reply.plainText()).isEqualTo("Needs approval");
            assertThat(reply.plainText()).contains("belongs to U9");
            assertThat(chat.ofKind("post")).singleElement().satisfies(card ->
                    assertThat(card.reply().plainText()).contains("owner U9"));
            assertThat(sends()).isEmpty();
        }
    }

    @Test
    void deploy_byADeployer_toTheirOwnInstance_runsAtOnce(@TempDir Path temp) {
        webOwnedBy("U2");
        invocations(invocation("Success", 0, "Deployed app-1.4.2.jar; deckhand-app is active on port 8080.\n", ""));
        RecordingChatPort chat = new RecordingChatPort();
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of())) {
            new SqliteGrantStore(deckhand.database(), clock).grant("U2", "deployer", "setup");

            Reply reply = TestDeckhand.run(deckhand, "U2", "C1", "deploy web-1 --artifact " + JAR);

            assertThat(reply.body()).as(reply.plainText()).startsWith("Deployed app-1.4.2.jar to web-1 (i-0abc12345678)");
            assertThat(chat.ofKind("post")).isEmpty();
            assertThat(sends()).hasSize(1);
        }
    }

    @Test
    void deploy_ofAPresignedArtifact_keepsItsQueryStringOutOfTheAuditRow(@TempDir Path temp) {
        webOwnedBy("U2");
        invocations(invocation("Success", 0, "Deployed app-1.4.3.jar; deckhand-app is active on port 8080.\n", ""));
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, new RecordingChatPort(), Map.of())) {
            new SqliteGrantStore(deckhand.database(), clock).grant("U2", "deployer", "setup");

            TestDeckhand.run(deckhand, "U2", "C1", "deploy web-1 --artifact " + PRESIGNED);

            assertThat(sent()).contains("X-Amz-Signature=deadbeefcafe");
            assertThat(deckhand.auditLog().latest(1)).singleElement().satisfies(row -> {
                assertThat(row.command()).isEqualTo("deploy web-1 --artifact https://shop-builds.s3.amazonaws.com/app-1.4.3.jar"
                        + "?…");
                assertThat(row.plan()).contains("app-1.4.3.jar").doesNotContain("X-Amz", "AKIAEXAMPLE", "deadbeefcafe");
                assertThat(row.detail()).doesNotContain("X-Amz");
            });
        }
    }

    @Test
    void deploy_withoutApp_onAnInstanceWithoutAnAppTag_isRefused_andNothingIsSent() {
        web("");

        assertThatThrownBy(() -> deploy("web-1", Map.of("artifact", "https://artifacts.example.com/shop-1.0.1.tgz")))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("Say which kind of app web-1 (i-0abc12345678) runs with --app spring or --app express: "
                        + "it has no deckhand:app tag, and Deckhand does not guess.");
        assertThat(sends()).isEmpty();
    }

    /** The defect: a .tgz was written over app.jar, the old code restarted, and "Deployed" reported. */
    @Test
    void deploy_ofATarball_toASpringInstance_isRefusedBeforeAnyChange() {
        assertThatThrownBy(() -> deploy("web-1", Map.of("artifact", "https://artifacts.example.com/shop-1.0.1.tgz")))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("shop-1.0.1.tgz looks like a express build, but web-1 (i-0abc12345678) runs spring. Nothing was "
                        + "changed. A spring app ships a .jar.");
        assertThatThrownBy(() -> deploy("web-1", Map.of("artifact", JAR, "app", "express")))
                .hasMessageStartingWith("web-1 (i-0abc12345678) runs a spring app (its deckhand:app tag), not express. "
                        + "Nothing was changed.");
        assertThat(sends()).isEmpty();
    }

    @Test
    void deploy_takesTheKindFromTheTag_andSendsAPosixScriptForIt() {
        web("express");

        deploy("web-1", Map.of("artifact", "https://artifacts.example.com/shop-1.0.1.tgz"));

        assertThat(sent()).contains("\"APP_KIND='express'\"", "\"ARTIFACT_FILE='app.tgz'\"", "\"set -eu\"")
                .doesNotContain("pipefail", "[[");
    }

    @Test
    void deploy_overPlainHttp_isRefused_unlessAllowed_andThenThePlanWarns() {
        assertThatThrownBy(() -> deploy("web-1", Map.of("artifact", "http://artifacts.example.com/app-1.4.2.jar")))
                .isInstanceOf(UsageException.class).hasMessageContaining("is plain http");
        assertThat(sends()).isEmpty();

        Plan plan = Handlers.plan(commands.commands().get(0), "U2", List.of("web-1"),
                Map.of("artifact", "http://artifacts.example.com/app-1.4.2.jar", "allow-http", "true"));

        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).startsWith("Warning: the artifact comes over plain http"));
        assertThat(plan.details()).containsEntry("SHA-256", "not given: the download is not checked");
    }

    @Test
    void deploy_portChecksumAndHealthCheck_reachTheScript_andThePlan() {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        Map<String, String> flags = Map.of("artifact", JAR, "port", "9090", "sha256", sha.toUpperCase(),
                "health-path", "/actuator/health", "health-wait", "60");

        Plan plan = Handlers.plan(commands.commands().get(0), "U2", List.of("web-1"), flags);
        deploy("web-1", flags);

        assertThat(plan.details()).containsEntry("Port", "9090").containsEntry("SHA-256", sha)
                .containsEntry("Health check", "GET /actuator/health on port 9090 answers 2xx/3xx within 60 s, else the "
                        + "previous version is restored");
        assertThat(sent()).contains("\"PORT='9090'\"", "\"ARTIFACT_SHA256='" + sha + "'\"",
                "\"HEALTH_PATH='/actuator/health'\"", "\"HEALTH_TRIES='20'\"");
        assertThatThrownBy(() -> deploy("web-1", Map.of("artifact", JAR, "health-path", "/x;reboot")))
                .hasMessageStartingWith("--health-path must be a path on the app starting with /");
    }

    @Test
    void deploy_whoseHealthCheckFails_saysItRolledBack_andWhichVersionRuns() {
        invocations(invocation("Failed", RedeployScript.ROLLED_BACK, "==> downloading app-1.4.2.jar\n==> rolling back to "
                + "app-1.4.1.jar\nDECKHAND-RESULT: rolled back: app-1.4.1.jar runs again; app-1.4.2.jar failed its health check\n",
                "app exited with 1\n"));

        Reply reply = deploy("web-1", Map.of("artifact", JAR));

        assertThat(reply.header()).isEqualTo("Deploy to web-1 (i-0abc12345678) rolled back");
        assertThat(reply.body()).startsWith("app-1.4.2.jar did not pass its health check (/), so the previous version was "
                + "restored after 0 s.\nrolled back: app-1.4.1.jar runs again; app-1.4.2.jar failed its health check");
    }

    @Test
    void deploy_reportsEachStepOfTheScriptAsProgress() {
        invocations(invocation("InProgress", -1, "==> OS: ubuntu (apt)\n==> downloading app-1.4.2.jar\n", ""),
                invocation("InProgress", -1, "==> OS: ubuntu (apt)\n==> downloading app-1.4.2.jar\n==> restarting "
                        + "deckhand-app with app-1.4.2.jar on port 8080\n", ""),
                invocation("Success", 0, "DECKHAND-RESULT: deployed app-1.4.2.jar; running on port 8080; app-1.4.1.jar kept "
                        + "as the rollback copy\n", ""));

        Reply reply = deploy("web-1", Map.of("artifact", JAR));

        assertThat(progress).containsSubsequence("OS: ubuntu (apt)…", "downloading app-1.4.2.jar…",
                "restarting deckhand-app with app-1.4.2.jar on port 8080…");
        assertThat(progress).doesNotHaveDuplicates();
        assertThat(reply.context()).first().isEqualTo("deployed app-1.4.2.jar; running on port 8080; app-1.4.1.jar kept as "
                + "the rollback copy");
    }

    @Test
    void deploy_ofAPresignedArtifact_keepsTheQueryOutOfTheSsmComment_andTheApprovalCard(@TempDir Path temp) {
        deploy("web-1", Map.of("artifact", PRESIGNED));
        assertThat(sent()).contains("\"Comment\":\"Deckhand deploy of app-1.4.3.jar by U2\"");

        webOwnedBy("U9");
        RecordingChatPort chat = new RecordingChatPort();
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of())) {
            new SqliteGrantStore(deckhand.database(), clock).grant("U2", "deployer", "setup");

            Reply reply = TestDeckhand.run(deckhand, "U2", "C1", "deploy web-1 --artifact " + PRESIGNED);

            assertThat(reply.header()).as(reply.plainText()).isEqualTo("Needs approval");
            assertThat(reply.plainText()).doesNotContain("X-Amz", "deadbeefcafe")
                    .contains("https://shop-builds.s3.amazonaws.com/app-1.4.3.jar?…");
            assertThat(chat.ofKind("post")).singleElement().satisfies(card -> assertThat(card.reply().plainText())
                    .doesNotContain("X-Amz", "deadbeefcafe").contains("app-1.4.3.jar?…"));
            assertThat(deckhand.auditLog().latest(1)).singleElement().satisfies(row ->
                    assertThat(row.command() + row.plan() + row.detail()).doesNotContain("X-Amz", "deadbeefcafe"));
        }
    }
}
