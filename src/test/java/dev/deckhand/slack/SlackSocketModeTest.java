package dev.deckhand.slack;

import dev.deckhand.app.Deckhand;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket Mode against a local WebSocket server that plays Slack: {@code apps.connections.open} (WireMock,
 * via the API URL) hands out its ws:// URL; /healthz says starting until Slack's hello, connected after
 * it; a slash command envelope is acknowledged with its envelope_id; after a disconnect and close the
 * health says reconnecting, the client opens a new connection, and the next hello makes it connected again.
 */
class SlackSocketModeTest {

    private static final SlackSettings SOCKET_MODE = new SlackSettings(0, "/deckhand", Set.of("help", "whoami"), 1,
            Duration.ofSeconds(1), Duration.ofMinutes(1), SlackStub.BOT_TOKEN, Optional.empty(), Optional.of("xapp-1-test"));

    private final HttpClient http = HttpClient.newHttpClient();

    /** apps.connections.open (WireMock, through slack.apiUrl) hands out the fake server's WebSocket URL. */
    private static void opensTo(SlackStub slack, FakeSocketModeSlack ws) {
        slack.server.stubFor(post(urlPathEqualTo("/api/apps.connections.open"))
                .willReturn(okJson("{\"ok\":true,\"url\":\"" + ws.url() + "\"}")));
    }

    @Test
    void hello_envelope_ack_disconnect_reconnect_andHealthTellsEachState(@TempDir Path dir) throws Exception {
        try (SlackStub slack = new SlackStub(); AwsStub aws = new AwsStub(); FakeSocketModeSlack ws = new FakeSocketModeSlack()) {
            opensTo(slack, ws);
            SlackSettings settings = SOCKET_MODE;
            try (SlackAdapter adapter = SlackAdapter.create(settings, slack.slack, Clock.systemUTC());
                 Deckhand deckhand = TestDeckhand.start(dir, aws.clients, Clock.systemUTC(), adapter.chatPort(), Map.of())) {
                adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf);
                int port = adapter.port();

                FakeSocketModeSlack.Conn first = ws.nextConnection();
                assertThat(health(port)).contains("\"status\":\"starting\"");

                first.sendText("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"}}");
                awaitHealth(port, "connected");

                first.sendText("""
                        {"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,\
                        "payload":{"token":"legacy","team_id":"T1","team_domain":"t","channel_id":"C1","channel_name":"ops",\
                        "user_id":"U1","user_name":"u1","command":"/deckhand","text":"help","api_app_id":"A1",\
                        "is_enterprise_install":"false","response_url":"%s","trigger_id":"trig-sm-1"}}"""
                        .formatted(slack.responseUrl("sm1")));
                String ack = first.nextText();
                while (ack != null && !ack.contains("envelope_id")) {
                    ack = first.nextText();
                }
                assertThat(ack).contains("\"envelope_id\":\"env-1\"");

                first.sendText("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"fake\"}}");
                first.close();
                awaitHealth(port, "reconnecting");

                FakeSocketModeSlack.Conn second = ws.nextConnection();
                assertThat(health(port)).contains("\"status\":\"reconnecting\"");
                second.sendText("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"}}");
                awaitHealth(port, "connected");
            }
        }
    }

    @Test
    void whenSlackStaysAway_reconnectAttemptsAreSpacedOut_andHealthCountsThem(@TempDir Path dir) throws Exception {
        try (SlackStub slack = new SlackStub(); AwsStub aws = new AwsStub(); FakeSocketModeSlack ws = new FakeSocketModeSlack()) {
            opensTo(slack, ws);
            SlackSettings settings = SOCKET_MODE;
            try (SlackAdapter adapter = SlackAdapter.create(settings, slack.slack, Clock.systemUTC());
                 Deckhand deckhand = TestDeckhand.start(dir, aws.clients, Clock.systemUTC(), adapter.chatPort(), Map.of())) {
                FakeSocketModeSlack.Conn first = startedAndHelloed(adapter, deckhand, ws);
                int port = adapter.port();

                slack.server.stubFor(post(urlPathEqualTo("/api/apps.connections.open"))
                        .willReturn(okJson("{\"ok\":false,\"error\":\"internal_error\"}")));
                first.close();
                awaitHealth(port, "\"reconnectAttempts\":3");
                var opens = slack.server.findAll(SlackStub.apiRequested("apps.connections.open"));
                assertThat(opens).hasSizeGreaterThanOrEqualTo(3); // the start, then attempts 1 and 2
                long[] at = opens.stream().mapToLong(r -> r.getLoggedDate().getTime()).sorted().toArray();
                long gap = at[at.length - 1] - at[at.length - 2];
                assertThat(gap).as("attempt 2 waits twice the first wait").isGreaterThanOrEqualTo(1800);
                assertThat(health(port)).contains("\"status\":\"reconnecting\"");

                slack.server.stubFor(post(urlPathEqualTo("/api/apps.connections.open"))
                        .willReturn(okJson("{\"ok\":true,\"url\":\"" + ws.url() + "\"}")));
                FakeSocketModeSlack.Conn again = ws.nextConnection();
                again.sendText("{\"type\":\"hello\",\"num_connections\":1}");
                awaitHealth(port, "connected");
            }
        }
    }

    @Test
    void aSilentLink_isNoticedByItsPing_andReplacedByExactlyOneNewConnection(@TempDir Path dir) throws Exception {
        try (SlackStub slack = new SlackStub(); AwsStub aws = new AwsStub(); FakeSocketModeSlack ws = new FakeSocketModeSlack()) {
            opensTo(slack, ws);
            try (SlackAdapter adapter = SlackAdapter.create(SOCKET_MODE, slack.slack, Clock.systemUTC())
                    .checkingLinkEvery(Duration.ofMillis(500));
                 Deckhand deckhand = TestDeckhand.start(dir, aws.clients, Clock.systemUTC(), adapter.chatPort(), Map.of())) {
                FakeSocketModeSlack.Conn first = startedAndHelloed(adapter, deckhand, ws);
                int port = adapter.port();

                first.goSilent();
                awaitHealth(port, "reconnecting");
                FakeSocketModeSlack.Conn second = ws.nextConnection();
                second.sendText("{\"type\":\"hello\",\"num_connections\":1}");
                awaitHealth(port, "connected");

                // The replaced session's close (the client's own) and Bolt's session monitor must not open another.
                Thread.sleep(4000);
                assertThat(ws.connectionsOpened()).as("the first, then one replacement").isEqualTo(2);
                assertThat(health(port)).contains("\"status\":\"connected\"");
            }
        }
    }

    @Test
    void aCloseTheClientMadeItself_isNoDrop() {
        assertThat(SlackAdapter.closedByClient("com.slack.api.socket_mode.impl.SocketModeClientTyrusImpl did it")).isTrue();
        assertThat(SlackAdapter.closedByClient("Closed abnormally.")).isFalse();
        assertThat(SlackAdapter.closedByClient(null)).isFalse();
    }

    /** Starts the adapter and plays Slack's hello on its first connection; health says connected. */
    private FakeSocketModeSlack.Conn startedAndHelloed(SlackAdapter adapter, Deckhand deckhand, FakeSocketModeSlack ws)
            throws Exception {
        adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf);
        FakeSocketModeSlack.Conn first = ws.nextConnection();
        first.sendText("{\"type\":\"hello\",\"num_connections\":1}");
        awaitHealth(adapter.port(), "connected");
        return first;
    }

    private String health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitHealth(int port, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = health(port);
            if (last.contains(state.startsWith("\"") ? state : "\"status\":\"" + state + "\"")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("/healthz never said " + state + "; last: " + last);
    }
}
