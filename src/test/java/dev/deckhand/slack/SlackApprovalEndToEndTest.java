package dev.deckhand.slack;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.app.Deckhand;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.deckhand.slack.SlackStub.apiRequested;
import static dev.deckhand.slack.SlackStub.responseUrlRequested;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approvals over Slack's real protocol: a deployer asks to terminate with the slash command, the
 * card is posted with chat.postMessage, an admin clicks its Approve button (a signed block_actions
 * request), EC2 TerminateInstances is called once, the result lands in the card's thread and the
 * card is updated without buttons. Both ends are real: the Slack adapter and the EC2 feature's
 * {@code ec2 terminate}, with WireMock as Slack and as EC2.
 */
class SlackApprovalEndToEndTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String CARD_TS = "1700000000.000100"; // what the stub's chat.postMessage answers

    @TempDir
    Path temp;

    @Test
    void deployerAsks_adminClicksApprove_terminateRunsOnce_andCardAndThreadShowTheOutcome() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (SlackStub slack = new SlackStub(); AwsStub aws = new AwsStub()) {
            aws.server.stubFor(queryAction("DescribeInstances").willReturn(ec2Xml("DescribeInstances",
                    Ec2Xml.reservations(Ec2Xml.Instance.running("i-0abc1234", "web-1")))));
            aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", Ec2Xml.addresses())));
            aws.server.stubFor(queryAction("TerminateInstances").willReturn(
                    ec2Xml("TerminateInstances", Ec2Xml.stateChange("i-0abc1234", 16, 32))));
            SlackSettings settings = SlackStub.SIGNED_HTTP;
            try (SlackAdapter adapter = SlackAdapter.create(settings, slack.slack, clock);
                 Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, adapter.chatPort(),
                         Map.of("DECKHAND_AWS_REGIONS", "us-east-1"))) {
                SqliteGrantStore grants = new SqliteGrantStore(deckhand.database(), clock);
                grants.grant("UDEP", "deployer", "setup");
                grants.grant("UADMIN", "admin", "setup");
                grants.grant("UADMIN2", "admin", "setup");
                adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf);
                int port = adapter.port();

                assertThat(slack.send(port, slack.slashBody("UDEP", "C1", "ec2 terminate web-1", "ask"), NOW).statusCode())
                        .isEqualTo(200);
                List<LoggedRequest> cards = slack.await(apiRequested("chat.postMessage"), 1);
                Map<String, String> card = form(cards.get(0));
                assertThat(card.get("channel")).isEqualTo("C1");
                Matcher approve = Pattern.compile("\"approve ([a-z0-9]{8})\"").matcher(card.get("blocks"));
                assertThat(approve.find()).as(card.get("blocks")).isTrue();
                String id = approve.group(1);
                assertThat(card.get("blocks")).contains("ec2 terminate web-1 --region us-east-1")
                        .contains("\"deny " + id + "\"");
                assertThat(slack.await(responseUrlRequested("ask").withRequestBody(containing("needs approval (request " + id + ")")), 1))
                        .hasSize(1);
                assertThat(aws.requests("TerminateInstances")).isEmpty();

                slack.send(port, slack.clickBody("UADMIN", "C1", "approve " + id, CARD_TS, "click1"), NOW);

                List<LoggedRequest> updates = slack.await(apiRequested("chat.update")
                        .withRequestBody(containing("text=Approved%3A%20done")), 1);
                assertThat(updates).hasSize(1);
                Map<String, String> closed = form(updates.get(0));
                assertThat(closed.get("text")).isEqualTo("Approved: done");
                assertThat(closed.get("ts")).isEqualTo(CARD_TS);
                assertThat(closed.get("blocks")).contains("Approved by UADMIN at 2026-11-25 12:00 UTC")
                        .doesNotContain("\"approve " + id + "\"");
                // The approved run's progress comes first in the thread, as a direct run shows it to the asker.
                List<LoggedRequest> thread = slack.await(apiRequested("chat.postMessage")
                        .withRequestBody(containing("thread_ts=" + CARD_TS)), 2);
                assertThat(form(thread.get(0)).get("blocks")).contains("Terminating web-1 (i-0abc1234) in us-east-1...");
                assertThat(form(thread.get(1)).get("blocks")).contains("\"text\":\"Terminating web-1\"",
                        "UDEP terminated web-1 (i-0abc1234) in us-east-1: running -\\u0026gt; shutting-down.");
                assertThat(slack.await(responseUrlRequested("click1").withRequestBody(containing("Approved request " + id)), 1))
                        .hasSize(1);
                assertThat(aws.requests("TerminateInstances")).hasSize(1);

                // A second admin clicking the same card afterwards is refused; nothing runs again.
                slack.send(port, slack.clickBody("UADMIN2", "C1", "approve " + id, CARD_TS, "click2"), NOW);
                assertThat(slack.await(responseUrlRequested("click2").withRequestBody(
                        containing("was already approved by UADMIN")), 1)).hasSize(1);
                assertThat(aws.requests("TerminateInstances")).hasSize(1);
            }
        }
    }

    private static Map<String, String> form(LoggedRequest request) {
        return SlackStub.form(request);
    }
}
