package dev.deckhand.slack;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deckhand.slack.SlackStub.apiRequested;
import static dev.deckhand.slack.SlackStub.responseUrlRequested;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Private stays private, and results are not lost: a viewer's private command shows its progress and
 * findings to the viewer alone; response_url 5xx is retried; a gone response_url falls back to
 * chat.postEphemeral (private) or chat.postMessage (channel).
 */
class SlackDeliveryTest {

    @TempDir
    static Path dir;
    private static SlackRig rig;
    private static SlackStub slack;
    private static SlackAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help"), 2, Duration.ZERO,
                Duration.ofSeconds(60), SlackStub.BOT_TOKEN, Optional.of(SlackStub.SIGNING_SECRET), Optional.empty());
        rig = new SlackRig(dir, settings, Clock.systemUTC(), d -> {
            // Like `leaks --fresh`: reports progress with figures, answers privately.
            d.registry().register(CommandSpec.command("secret").usage("secret").description("Test private")
                    .example("secret").role(Role.VIEWER).args(0, 0).handledBy(context -> {
                        context.progress().report("found 3 leaks so far");
                        context.progress().report("total $123.45/month");
                        return Reply.ephemeral("3 leaks, $123.45/month");
                    }));
            d.registry().register(CommandSpec.command("announce").usage("announce").description("Test channel")
                    .example("announce").role(Role.VIEWER).args(0, 0).handledBy(context -> Reply.inChannel("changed")));
        });
        slack = rig.slack;
        adapter = rig.adapter;
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    private static void send(String text, String trigger) {
        assertThat(slack.send(adapter.port(), slack.slashBody("UVIEW", "C1", text, trigger), Instant.now()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void privateCommand_progressAndResult_reachTheAskerAlone() {
        send("secret", "d-private");

        List<LoggedRequest> result = slack.await(responseUrlRequested("d-private").withRequestBody(containing("3 leaks, ")), 1);
        assertThat(result).hasSize(1);
        List<LoggedRequest> all = slack.server.findAll(responseUrlRequested("d-private"));
        assertThat(all).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(p -> assertThat(p.getBodyAsString()).contains("\"response_type\":\"ephemeral\""));
        assertThat(all).anySatisfy(p -> assertThat(p.getBodyAsString()).contains("found 3 leaks so far"));
        assertThat(slack.server.findAll(apiRequested("chat.postMessage").withRequestBody(containing("leaks")))).isEmpty();
        assertThat(slack.server.findAll(apiRequested("chat.update"))).isEmpty();
    }

    @Test
    void responseUrl_answering5xx_isRetried_untilSlackTakesIt() {
        slack.server.stubFor(post(urlPathEqualTo("/respond/d-retry")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("once"));
        slack.server.stubFor(post(urlPathEqualTo("/respond/d-retry")).inScenario("flaky")
                .whenScenarioStateIs("once").willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        slack.server.stubFor(post(urlPathEqualTo("/respond/d-retry")).inScenario("flaky")
                .whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200).withBody("ok")));

        send("announce", "d-retry");

        assertThat(slack.await(responseUrlRequested("d-retry"), 3)).hasSize(3)
                .allSatisfy(p -> assertThat(p.getBodyAsString()).contains("changed"));
        assertThat(slack.server.findAll(apiRequested("chat.postMessage").withRequestBody(containing("changed")))).isEmpty();
    }

    @Test
    void privateResult_whenResponseUrlIsGone_isShownWithChatPostEphemeral_toTheAskerOnly() {
        slack.server.stubFor(post(urlPathEqualTo("/respond/d-gone"))
                .willReturn(aResponse().withStatus(404).withBody("expired_url")));

        send("secret", "d-gone");

        List<LoggedRequest> ephemeral = slack.await(apiRequested("chat.postEphemeral").withRequestBody(containing("3%20leaks")), 1);
        assertThat(ephemeral).hasSize(1);
        assertThat(ephemeral.get(0).getBodyAsString()).contains("user=UVIEW").contains("channel=C1");
        assertThat(slack.server.findAll(responseUrlRequested("d-gone").withRequestBody(containing("3 leaks, "))))
                .as("a 404 is not retried").hasSize(1);
        assertThat(slack.server.findAll(apiRequested("chat.postMessage").withRequestBody(containing("leaks")))).isEmpty();
    }
}
