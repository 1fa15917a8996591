package dev.deckhand.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.access.Role;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.deckhand.slack.SlackStub.apiRequested;
import static dev.deckhand.slack.SlackStub.responseUrlRequested;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test plays Slack: signed requests go to the running adapter over HTTP, and WireMock records what
 * Deckhand sends back to Slack (Web API calls and response_url posts).
 */
class SlackAdapterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;

    private static SlackRig rig;
    private static SlackStub slack;
    private static Deckhand deckhand;
    private static SlackAdapter adapter;
    private static int port;
    /** Every run of the test-only {@code probe} command, as the handler saw it. */
    private static final List<CommandRequest> probes = new CopyOnWriteArrayList<>();
    private static volatile CountDownLatch probeGate = new CountDownLatch(0);

    @BeforeAll
    static void start() throws Exception {
        SlackSettings settings = SlackStub.SIGNED_HTTP;
        rig = new SlackRig(tempDir, settings, Clock.fixed(NOW, ZoneOffset.UTC), d -> {
            d.registry().register(probeCommand());
            TestDeckhand.run(d, "console", "console", "grant UDEP deployer");
        });
        slack = rig.slack;
        adapter = rig.adapter;
        deckhand = rig.deckhand;
        port = adapter.port();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    /** A deferred, test-only command: reports progress twice and answers the channel with a card. */
    private static CommandSpec probeCommand() {
        return CommandSpec.command("probe").usage("probe [label]").description("Test probe").example("probe a")
                .role(Role.DEPLOYER).args(0, 1).flags("region").handledBy(context -> {
                    probes.add(context.request());
                    try {
                        probeGate.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    context.progress().report("step one");
                    context.progress().report("step two");
                    String label = context.args().optionalPositional(0).orElse("none");
                    return Reply.builder().inChannel().header("Probe done").body("ran *" + label + "*")
                            .field("Region", context.region()).field("User", context.user())
                            .context("a hint").button(Button.danger("Stop", "probe stop")).build();
                });
    }

    private static List<CommandRequest> probesLabelled(String label) {
        return probes.stream().filter(r -> r.text().equals("probe " + label)).toList();
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    /** The one result posted to a response_url (the asker's private progress lines, if any, left aside). */
    private static JsonNode onlyPost(String responseId) throws Exception {
        List<LoggedRequest> posts = slack.await(responseUrlRequested(responseId)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining(":hourglass_flowing_sand:")), 1);
        assertThat(posts).hasSize(1);
        return json(posts.get(0).getBodyAsString());
    }

    @Test
    void help_isAnsweredInTheAck_ephemerally_andNothingFollows() throws Exception {
        HttpResponse<String> ack = slack.send(port, slack.slashBody("UVIEW", "C1", "help", "t-help"), NOW);

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode body = json(ack.body());
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("Deckhand commands");
        assertThat(slack.server.findAll(responseUrlRequested("t-help"))).isEmpty();
    }

    @Test
    void unknownCommand_isAnsweredInTheAck_withWhatWasWrong() throws Exception {
        HttpResponse<String> ack = slack.send(port, slack.slashBody("UVIEW", "C1", "frobnicate", "t-unknown"), NOW);

        JsonNode body = json(ack.body());
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("Not understood");
    }

    @Test
    void denial_isAnsweredInTheAck_withTheReason() throws Exception {
        HttpResponse<String> ack = slack.send(port, slack.slashBody("UVIEW", "C1", "grant U7 admin", "t-deny"), NOW);

        JsonNode body = json(ack.body());
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("Not allowed");
        assertThat(body.path("blocks").get(1).path("text").path("text").asText())
                .startsWith("`grant` needs the admin role; you (UVIEW) are viewer.");
        assertThat(deckhand.checker().effectiveRole("U7", "C1").name()).isEqualTo("viewer");
    }

    @Test
    void slowCommand_isAckedBeforeItsWorkRuns_andTheCardFollowsAtResponseUrl() throws Exception {
        probeGate = new CountDownLatch(1);
        long started = System.nanoTime();
        HttpResponse<String> ack = slack.send(port, slack.slashBody("UDEP", "C1", "probe web-1", "t-slow"), NOW);
        long ackMillis = (System.nanoTime() - started) / 1_000_000;

        // The handler is still blocked on probeGate: the ack cannot have waited for it.
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(json(ack.body()).path("text").asText())
                .isEqualTo(":hourglass_flowing_sand: Working on `probe web-1` in us-east-1…");
        assertThat(ackMillis).isLessThan(2000);
        assertThat(slack.server.findAll(responseUrlRequested("t-slow"))).isEmpty();
        probeGate.countDown();

        List<LoggedRequest> toAsker = slack.await(responseUrlRequested("t-slow").withRequestBody(containing("Probe done")), 1);
        assertThat(toAsker).hasSize(1);
        JsonNode result = json(toAsker.get(0).getBodyAsString());
        assertThat(result.path("response_type").asText()).isEqualTo("in_channel");
        JsonNode blocks = result.path("blocks");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Probe done");
        assertThat(blocks.get(1).path("text").path("text").asText()).isEqualTo("ran *web-1*");
        assertThat(blocks.get(2).path("fields").get(0).path("text").asText()).isEqualTo("*Region*\nus-east-1");
        assertThat(blocks.get(2).path("fields").get(1).path("text").asText()).isEqualTo("*User*\nUDEP");
        assertThat(blocks.get(3).path("type").asText()).isEqualTo("context");
        assertThat(blocks.get(3).path("elements").get(0).path("text").asText()).isEqualTo("a hint");
        assertThat(blocks.get(3).path("elements").get(1).path("text").asText())
                .isEqualTo("Asked by <@UDEP>: `/deckhand probe web-1`");
        JsonNode button = blocks.get(4).path("elements").get(0);
        assertThat(button.path("action_id").asText()).isEqualTo("deckhand:0");
        assertThat(button.path("value").asText()).isEqualTo("probe stop");
        assertThat(button.path("style").asText()).isEqualTo("danger");
        assertThat(button.path("confirm").path("confirm").path("text").asText()).isEqualTo("Stop");

        // Progress is the asker's alone: on their response_url, ephemeral, replacing the ack in place;
        // nothing about it reaches the channel (no chat.postMessage, no chat.update).
        List<LoggedRequest> progress = slack.await(responseUrlRequested("t-slow").withRequestBody(containing("step one")), 1);
        assertThat(progress).hasSize(1);
        JsonNode step = json(progress.get(0).getBodyAsString());
        assertThat(step.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(step.path("replace_original").asBoolean()).isTrue();
        assertThat(step.path("text").asText()).isEqualTo(":hourglass_flowing_sand: `probe web-1`: step one");
        assertThat(slack.server.findAll(apiRequested("chat.postMessage").withRequestBody(containing("probe%20web-1")))).isEmpty();
        assertThat(slack.server.findAll(apiRequested("chat.update"))).isEmpty();
    }

    @Test
    void channelResult_whenResponseUrlIsGone_isPostedWithChatPostMessage_namingTheAsker() throws Exception {
        slack.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/respond/t-gone"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404).withBody("expired_url")));

        slack.send(port, slack.slashBody("UDEP", "C1", "probe gone", "t-gone"), NOW);

        List<LoggedRequest> posted = slack.await(apiRequested("chat.postMessage").withRequestBody(containing("Probe%20done")), 1);
        assertThat(posted).hasSize(1);
        JsonNode blocks = json(form(posted.get(0)).get("blocks"));
        assertThat(blocks.get(1).path("text").path("text").asText()).isEqualTo("ran *gone*");
        assertThat(blocks.get(3).path("elements").get(1).path("text").asText()).isEqualTo("Asked by UDEP: `/deckhand probe gone`");
    }

    @Test
    void ephemeralResult_ofDeferredCommand_goesToResponseUrl_asEphemeral() throws Exception {
        HttpResponse<String> ack = slack.send(port, slack.slashBody("UVIEW", "C1", "roles", "t-roles"), NOW);

        assertThat(json(ack.body()).path("text").asText()).isEqualTo(":hourglass_flowing_sand: Working on `roles`…");
        JsonNode result = onlyPost("t-roles");
        assertThat(result.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(result.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("Roles");
    }

    @Test
    void commandsThatActInNoRegion_areAcked_withoutNamingOne() throws Exception {
        for (String text : List.of("cancel k7m2x9qa", "approve k7m2x9qa", "deny k7m2x9qa no", "grant U0ACK9 deployer")) {
            String user = text.startsWith("cancel") ? "UVIEW" : "console";
            HttpResponse<String> ack = slack.send(port, slack.slashBody(user, "C1", text, "t-ack-" + text.hashCode()), NOW);

            assertThat(json(ack.body()).path("text").asText()).as(text)
                    .isEqualTo(":hourglass_flowing_sand: Working on `" + text + "`…");
        }
    }

    @Test
    void unverifiedRequests_get401_andNoHandlerRuns() throws Exception {
        String bad = slack.slashBody("UDEP", "C1", "probe forged", "t-bad");
        String ts = String.valueOf(NOW.getEpochSecond());
        List<HttpResponse<String>> refused = List.of(
                slack.send(port, bad, Map.of(SignatureGate.TIMESTAMP_HEADER, ts,
                        SignatureGate.SIGNATURE_HEADER, slack.signature(ts, bad.replace("forged", "forgex")))),
                slack.send(port, slack.slashBody("UDEP", "C1", "probe forged", "t-stale"), NOW.minusSeconds(301)),
                slack.send(port, slack.slashBody("UDEP", "C1", "probe forged", "t-future"), NOW.plusSeconds(301)),
                slack.send(port, slack.slashBody("UDEP", "C1", "probe forged", "t-noheaders"), Map.of()),
                slack.send(port, slack.slashBody("UDEP", "C1", "probe forged", "t-nosig"),
                        Map.of(SignatureGate.TIMESTAMP_HEADER, ts)),
                slack.send(port, slack.slashBody("UDEP", "C1", "help", "t-help-unsigned"), Map.of()));

        assertThat(refused).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"error\":\"invalid request\"}");
        });
        // A signed command after them runs; the refused ones never reached the (single) worker before it.
        slack.send(port, slack.slashBody("UDEP", "C1", "probe after", "t-after"), NOW);
        onlyPost("t-after");
        assertThat(probesLabelled("forged")).isEmpty();
        for (String id : List.of("t-bad", "t-stale", "t-future", "t-noheaders", "t-nosig")) {
            assertThat(slack.server.findAll(responseUrlRequested(id))).isEmpty();
        }
    }

    @Test
    void timestampJustInsideTheWindow_onBothSides_isAccepted() {
        assertThat(slack.send(port, slack.slashBody("UVIEW", "C1", "help", "t-edge1"), NOW.minusSeconds(299)).statusCode())
                .isEqualTo(200);
        assertThat(slack.send(port, slack.slashBody("UVIEW", "C1", "help", "t-edge2"), NOW.plusSeconds(299)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void retriedSlashCommand_runsOnce() throws Exception {
        String body = slack.slashBody("UDEP", "C1", "probe dup", "t-dup");
        String ts = String.valueOf(NOW.getEpochSecond());

        HttpResponse<String> first = slack.send(port, body, NOW);
        HttpResponse<String> retry = slack.send(port, body, Map.of(SignatureGate.TIMESTAMP_HEADER, ts,
                SignatureGate.SIGNATURE_HEADER, slack.signature(ts, body), "X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout"));
        // The single worker runs in order: once this one is answered, a queued duplicate would have run.
        slack.send(port, slack.slashBody("UDEP", "C1", "probe fence", "t-fence"), NOW);
        onlyPost("t-fence");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEmpty();
        assertThat(probesLabelled("dup")).hasSize(1);
        assertThat(slack.server.findAll(responseUrlRequested("t-dup").withRequestBody(containing("Probe done")))).hasSize(1);
    }

    @Test
    void buttonClick_byUserWhoseRoleDoesNotAllowIt_isRefusedWithTheReason() throws Exception {
        HttpResponse<String> ack = slack.send(port, slack.clickBody("UVIEW", "C1", "grant U8 admin", "1700.1", "c-deny"), NOW);

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode answer = onlyPost("c-deny");
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("Not allowed");
        assertThat(answer.path("blocks").get(1).path("text").path("text").asText())
                .startsWith("`grant` needs the admin role; you (UVIEW) are viewer.");
        assertThat(deckhand.checker().effectiveRole("U8", "C1").name()).isEqualTo("viewer");
    }

    @Test
    void buttonClick_runsAsTheClickingUser_inTheClickedChannel() throws Exception {
        slack.send(port, slack.clickBody("UDEP", "C2", "probe clicked", "1700.2", "c-run"), NOW);

        List<LoggedRequest> resultPosts = slack.await(responseUrlRequested("c-run").withRequestBody(containing("Probe done")), 1);
        List<LoggedRequest> posts = slack.server.findAll(responseUrlRequested("c-run"));
        assertThat(json(posts.get(0).getBodyAsString()).path("text").asText())
                .isEqualTo(":hourglass_flowing_sand: Working on `probe clicked` in us-east-1…");
        // A click's progress must not replace the original: that is the message holding the button.
        assertThat(posts).filteredOn(p -> p.getBodyAsString().contains("step one")).singleElement()
                .satisfies(p -> assertThat(json(p.getBodyAsString()).path("replace_original").asBoolean()).isFalse());
        JsonNode result = json(resultPosts.get(0).getBodyAsString());
        assertThat(result.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(result.path("replace_original").asBoolean()).isFalse();
        assertThat(result.path("blocks").get(3).path("elements").get(1).path("text").asText())
                .isEqualTo("Clicked by <@UDEP>: `/deckhand probe clicked`");
        assertThat(probesLabelled("clicked")).singleElement().satisfies(r -> {
            assertThat(r.userId()).isEqualTo("UDEP");
            assertThat(r.channelId()).isEqualTo("C2");
            assertThat(r.origin()).isEqualTo(CommandRequest.Origin.BUTTON);
        });
    }

    @Test
    void doubleClick_onTheSameButton_runsOnce() throws Exception {
        slack.send(port, slack.clickBody("UDEP", "C1", "probe twice", "1700.3", "c-twice-1"), NOW);
        slack.send(port, slack.clickBody("UDEP", "C1", "probe twice", "1700.3", "c-twice-2"), NOW);
        slack.send(port, slack.slashBody("UDEP", "C1", "probe fence2", "t-fence2"), NOW);
        onlyPost("t-fence2");

        assertThat(probesLabelled("twice")).hasSize(1);
        assertThat(slack.server.findAll(responseUrlRequested("c-twice-2"))).isEmpty();
    }

    @Test
    void healthz_overHttp_reportsConnected_onceSlackConfirmedTheToken() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"connected\",\"mode\":\"http\",\"secondsSinceHello\":0,\"reconnectAttempts\":0}");
    }

    @Test
    void directMessage_opensTheConversation_thenPosts() {
        ChatPort.MessageRef ref = adapter.chatPort().directMessage("UDM", Reply.ephemeral("Your instance is idle."));

        assertThat(ref.channelId()).isEqualTo("C1"); // what the fake's chat.postMessage answers
        LoggedRequest open = slack.await(apiRequested("conversations.open")
                .withRequestBody(containing("UDM")), 1).get(0);
        assertThat(form(open).get("users")).isEqualTo("UDM");
        assertThat(slack.server.findAll(apiRequested("chat.postMessage")
                .withRequestBody(containing("channel=D0USER"))))
                .hasSize(1);
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
