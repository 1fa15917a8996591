package dev.deckhand.slack;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.app.Deckhand;
import dev.deckhand.approval.ApprovalRequest;
import dev.deckhand.approval.ApprovalState;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
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
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deckhand.slack.SlackStub.apiRequested;
import static dev.deckhand.slack.SlackStub.responseUrlRequested;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deny with a reason from the card: clicking Deny opens a dialog with the click's trigger_id
 * ({@code views.open} on WireMock), and the signed {@code view_submission} of that dialog denies the
 * request with the reason typed, which is stored with the request and shown on the closed card. The
 * same rules as for typed {@code deny} apply: the requester's submission is refused and nothing changes.
 */
class SlackDenyReasonTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String CARD_TS = "1700000000.000100";

    @TempDir
    Path temp;

    @Test
    void denyClick_opensTheDialog_andItsSubmissionDeniesWithTheReason_butNotForTheRequester() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (SlackStub slack = new SlackStub(); AwsStub aws = new AwsStub()) {
            slack.server.stubFor(post(urlPathEqualTo("/api/views.open"))
                    .willReturn(okJson("{\"ok\":true,\"view\":{\"id\":\"V1\",\"type\":\"modal\"}}")));
            aws.server.stubFor(queryAction("DescribeInstances").willReturn(ec2Xml("DescribeInstances",
                    Ec2Xml.reservations(Ec2Xml.Instance.running("i-0abc1234", "web-1")))));
            aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", Ec2Xml.addresses())));
            SlackSettings settings = SlackStub.SIGNED_HTTP;
            try (SlackAdapter adapter = SlackAdapter.create(settings, slack.slack, clock);
                 Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, adapter.chatPort(),
                         Map.of("DECKHAND_AWS_REGIONS", "us-east-1"))) {
                SqliteGrantStore grants = new SqliteGrantStore(deckhand.database(), clock);
                grants.grant("UDEP", "deployer", "setup");
                grants.grant("UADMIN", "admin", "setup");
                adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf);
                int port = adapter.port();

                slack.send(port, slack.slashBody("UDEP", "C1", "ec2 terminate web-1", "ask"), NOW);
                Map<String, String> card = form(slack.await(apiRequested("chat.postMessage"), 1).get(0));
                Matcher deny = Pattern.compile("\"deny ([a-z0-9]{8})\"").matcher(card.get("blocks"));
                assertThat(deny.find()).as(card.get("blocks")).isTrue();
                String id = deny.group(1);

                // The click opens the dialog with its own trigger id and denies nothing yet.
                assertThat(slack.send(port, slack.clickBody("UADMIN", "C1", "deny " + id, CARD_TS, "deny1"), NOW)
                        .statusCode()).isEqualTo(200);
                List<LoggedRequest> opened = slack.await(apiRequested("views.open"), 1);
                assertThat(opened).hasSize(1);
                Map<String, String> open = form(opened.get(0));
                assertThat(open.get("trigger_id")).isEqualTo("trig-deny1");
                assertThat(open.get("view")).contains("\"callback_id\":\"" + DenyReasonModal.CALLBACK_ID + "\"",
                        "\"private_metadata\":\"" + id + " C1\"", "\"type\":\"plain_text_input\"");
                assertThat(deckhand.approvals().store().find(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);

                // An empty reason goes back to the dialog; nothing runs.
                HttpResponse<String> empty = slack.send(port, submissionBody("UADMIN", id + " C1", "V0", "  "), NOW);
                assertThat(empty.statusCode()).isEqualTo(200);
                assertThat(empty.body()).contains("\"response_action\":\"errors\"", "\"reason\"");
                assertThat(deckhand.approvals().store().find(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);

                // The requester cannot deny through the dialog either: refused privately, the request stays pending.
                assertThat(slack.send(port, submissionBody("UDEP", id + " C1", "V2", "never mind"), NOW).statusCode())
                        .isEqualTo(200);
                Map<String, String> refused = form(slack.await(apiRequested("chat.postEphemeral")
                        .withRequestBody(containing("user=UDEP")), 1).get(0));
                assertThat(refused.get("blocks")).contains("deny");
                assertThat(refused.get("blocks")).doesNotContain("You denied");
                assertThat(deckhand.approvals().store().find(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
                assertThat(slack.server.findAll(apiRequested("chat.update"))).isEmpty();

                // The admin's submission denies it with the reason: stored, on the card, and told to the admin.
                assertThat(slack.send(port, submissionBody("UADMIN", id + " C1", "V1", "use \"t3.small\"\ninstead"), NOW)
                        .statusCode()).isEqualTo(200);
                Map<String, String> closed = form(slack.await(apiRequested("chat.update"), 1).get(0));
                assertThat(closed.get("ts")).isEqualTo(CARD_TS);
                assertThat(closed.get("blocks")).contains("Denied by UADMIN at 2026-11-25 12:00 UTC: use \\\"t3.small\\\" instead.")
                        .doesNotContain("\"deny " + id + "\"");
                ApprovalRequest denied = deckhand.approvals().store().find(id).orElseThrow();
                assertThat(denied.state()).isEqualTo(ApprovalState.DENIED);
                assertThat(denied.decidedBy()).isEqualTo("UADMIN");
                assertThat(denied.note()).isEqualTo("use \"t3.small\" instead");
                assertThat(slack.await(apiRequested("chat.postEphemeral").withRequestBody(containing("user=UADMIN")), 1))
                        .hasSize(1);

                // Slack retrying the same submission runs nothing again.
                slack.send(port, submissionBody("UADMIN", id + " C1", "V1", "use \"t3.small\"\ninstead"), NOW.plusSeconds(1));
                Thread.sleep(300);
                assertThat(slack.server.findAll(apiRequested("chat.update"))).hasSize(1);
                assertThat(slack.server.findAll(responseUrlRequested("deny1"))).isEmpty();
            }
        }
    }

    @Test
    void viewsOpenRefused_tellsTheClickerHowToDenyByTyping() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (SlackStub slack = new SlackStub(); AwsStub aws = new AwsStub()) {
            slack.server.stubFor(post(urlPathEqualTo("/api/views.open"))
                    .willReturn(okJson("{\"ok\":false,\"error\":\"expired_trigger_id\"}")));
            SlackSettings settings = SlackStub.SIGNED_HTTP;
            try (SlackAdapter adapter = SlackAdapter.create(settings, slack.slack, clock);
                 Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, adapter.chatPort(),
                         Map.of("DECKHAND_AWS_REGIONS", "us-east-1"))) {
                adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf);
                slack.send(adapter.port(), slack.clickBody("UADMIN", "C1", "deny ab12cd34", CARD_TS, "deny2"), NOW);
                assertThat(slack.await(responseUrlRequested("deny2")
                        .withRequestBody(containing("so nothing was denied")), 1)).hasSize(1);
            }
        }
    }

    private static String submissionBody(String user, String metadata, String viewId, String reason) {
        String json = """
                {"type":"view_submission","team":{"id":"T1","domain":"deckhand-test"},\
                "user":{"id":"%s","username":"%s","team_id":"T1"},"api_app_id":"A1","token":"legacy",\
                "trigger_id":"trig-%s",\
                "view":{"id":"%s","team_id":"T1","type":"modal","callback_id":"%s","private_metadata":%s,\
                "hash":"h-%s","state":{"values":{"reason":{"reason":{"type":"plain_text_input","value":%s}}}}},\
                "response_urls":[]}"""
                .formatted(user, user.toLowerCase(), viewId, viewId, DenyReasonModal.CALLBACK_ID, quote(metadata),
                        viewId, quote(reason));
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static Map<String, String> form(LoggedRequest request) {
        return SlackStub.form(request);
    }
}
