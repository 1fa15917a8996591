package dev.deckhand.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Plays Slack for tests: WireMock answers the Web API ({@code auth.test}, {@code chat.postMessage},
 * {@code chat.update}, {@code chat.postEphemeral}, {@code conversations.open}) and every
 * {@code response_url} ({@code /respond/<id>}); {@link #slack} is a client pointed at it (one
 * SlackConfig, reused); requests to Deckhand are signed with Slack's own signature generator.
 */
public final class SlackStub implements AutoCloseable {

    public static final String SIGNING_SECRET = "test-signing-secret";
    public static final String BOT_TOKEN = "xoxb-test-token";
    /**
     * Signed HTTP mode on a free port: {@code /deckhand}, help and whoami answered in the ack, one worker,
     * progress at most every second, a one-minute duplicate window.
     */
    static final SlackSettings SIGNED_HTTP = new SlackSettings(0, "/deckhand", java.util.Set.of("help", "whoami"), 1,
            java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1), BOT_TOKEN,
            java.util.Optional.of(SIGNING_SECRET), java.util.Optional.empty());

    public final WireMockServer server;
    public final Slack slack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SlackSignature.Generator signer = new SlackSignature.Generator(SIGNING_SECRET);
    private final Object arrivals = new Object();

    /** Read once: WireMock's {@code baseUrl()} looks up a resource in its jar on every call (a load generator's hot path). */
    private final String baseUrl;
    private final java.util.concurrent.atomic.AtomicInteger responseUrlPosts = new java.util.concurrent.atomic.AtomicInteger();

    public SlackStub() {
        this(true);
    }

    /** @param journal false for load tests: WireMock then keeps no request log ({@link #await} cannot be used) */
    public SlackStub(boolean journal) {
        var options = options().dynamicPort().containerThreads(journal ? 20 : 100);
        server = new WireMockServer(journal ? options : options.disableRequestJournal());
        server.start();
        baseUrl = server.baseUrl();
        server.addMockServiceRequestListener((request, response) -> {
            if (request.getUrl().startsWith("/respond/")) {
                responseUrlPosts.incrementAndGet();
            }
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
        });
        server.stubFor(post(urlPathEqualTo("/api/auth.test"))
                .willReturn(okJson("{\"ok\":true,\"team_id\":\"T1\",\"user_id\":\"U0BOT\",\"bot_id\":\"B1\"}")));
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}")));
        server.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}")));
        server.stubFor(post(urlPathEqualTo("/api/chat.postEphemeral"))
                .willReturn(okJson("{\"ok\":true,\"message_ts\":\"1700000000.000200\"}")));
        server.stubFor(post(urlPathEqualTo("/api/conversations.open"))
                .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"D0USER\"}}")));
        server.stubFor(post(urlPathMatching("/respond/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(server.baseUrl() + "/api/");
        config.setStatsEnabled(false);
        slack = Slack.getInstance(config);
    }

    /** How many posts reached any response_url so far (counted even without a journal). */
    public int responseUrlPosts() {
        return responseUrlPosts.get();
    }

    public String responseUrl(String id) {
        return baseUrl + "/respond/" + id;
    }

    /** The form body Slack sends for {@code /deckhand <text>}. */
    public String slashBody(String user, String channel, String text, String triggerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", "T1");
        form.put("team_domain", "deckhand-test");
        form.put("channel_id", channel);
        form.put("channel_name", "ops");
        form.put("user_id", user);
        form.put("user_name", user.toLowerCase());
        form.put("command", "/deckhand");
        form.put("text", text);
        form.put("api_app_id", "A1");
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl(triggerId));
        form.put("trigger_id", triggerId);
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The form body Slack sends when {@code user} clicks a Deckhand button whose value is {@code command}. */
    public String clickBody(String user, String channel, String command, String messageTs, String responseId) {
        String json = """
                {"type":"block_actions","team":{"id":"T1","domain":"deckhand-test"},\
                "user":{"id":"%s","username":"%s","team_id":"T1"},"api_app_id":"A1","token":"legacy",\
                "container":{"type":"message","message_ts":"%s","channel_id":"%s","is_ephemeral":false},\
                "trigger_id":"%s","channel":{"id":"%s","name":"ops"},\
                "message":{"type":"message","ts":"%s","text":"card"},\
                "response_url":"%s",\
                "actions":[{"action_id":"deckhand:0","block_id":"deckhand-actions","value":%s,\
                "type":"button","text":{"type":"plain_text","text":"Go"},"action_ts":"1700000001.000001"}]}"""
                .formatted(user, user.toLowerCase(), messageTs, channel, "trig-" + responseId, channel, messageTs,
                        responseUrl(responseId), quote(command));
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> send(int port, String body, Instant signedAt) {
        String ts = String.valueOf(signedAt.getEpochSecond());
        return send(port, body, Map.of(SignatureGate.TIMESTAMP_HEADER, ts,
                SignatureGate.SIGNATURE_HEADER, signer.generate(ts, body)));
    }

    public HttpResponse<String> send(int port, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String signature(String ts, String body) {
        return signer.generate(ts, body);
    }

    public static RequestPatternBuilder responseUrlRequested(String id) {
        return postRequestedFor(urlPathEqualTo("/respond/" + id));
    }

    public static RequestPatternBuilder apiRequested(String method) {
        return postRequestedFor(urlPathEqualTo("/api/" + method));
    }

    /** Waits (without sleeping) until WireMock has seen {@code count} matching requests; returns them. */
    public List<LoggedRequest> await(RequestPatternBuilder pattern, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        synchronized (arrivals) {
            while (true) {
                List<LoggedRequest> found = server.findAll(pattern);
                long left = deadline - System.nanoTime();
                if (found.size() >= count || left <= 0) {
                    return found;
                }
                try {
                    arrivals.wait(Math.max(1, Math.min(50, left / 1_000_000))); // woken by WireMock; the cap covers a listener that fires before the journal write
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return found;
                }
            }
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() throws Exception {
        slack.close();
        server.stop();
    }

    /** The form parameters of a Web API call Deckhand made (Slack's SDK posts them url-encoded). */
    static Map<String, String> form(com.github.tomakehurst.wiremock.verification.LoggedRequest request) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
