package dev.deckhand.bench;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpServer;
import dev.deckhand.slack.SlackStub;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.OutputStream;
import java.net.URI;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The yardstick of {@link SlackAckBench}: a bare Bolt app with the same signing secret, served by the JDK's HTTP
 * server on 16 threads with TCP_NODELAY (Bolt's own request parser and {@code App.run}, no Deckhand code). Its slash
 * command only acks, what a minimal Bolt deployment costs per request on this machine; with the text {@code bench}
 * it acks and then does what Deckhand's deferred {@code bench} command does after its ack, the Bolt way: one EC2
 * DescribeInstances through the AWS SDK (same HTTP client, same AWS fake) on 16 worker threads, and the result
 * posted with {@code ctx.respond}. That is the same work on the same two cores, without Deckhand.
 */
final class BareBolt {

    private BareBolt() {
    }

    /** Starts the app on a free port of localhost and returns the port; it lives until the JVM exits. */
    static int start(SlackStub slack, URI awsEndpoint) throws Exception {
        AppConfig config = AppConfig.builder().signingSecret(SlackStub.SIGNING_SECRET)
                .singleTeamBotToken(SlackStub.BOT_TOKEN).slack(slack.slack).build();
        App app = new App(config);
        Ec2Client ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(awsEndpoint)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
                .build();
        ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "bare-bolt-worker");
            t.setDaemon(true);
            return t;
        });
        app.command("/deckhand", (req, ctx) -> {
            if (!"bench".equals(req.getPayload().getText())) {
                return ctx.ack("ok");
            }
            workers.submit(() -> {
                int n = ec2.describeInstances().reservations().size();
                ctx.respond(r -> r.responseType("in_channel").text("Found " + n + " reservations in us-east-1."));
                return null;
            });
            return ctx.ack("Working on it");
        });
        app.start();
        SlackRequestParser parser = new SlackRequestParser(config);
        // TCP_NODELAY, as any server tuned for small answers has: the JDK server writes headers and body as two
        // segments, and without it the body waits for the client's delayed ACK (a flat ~40-45 ms p50 in this bench
        // on some runs, which flattered every ratio). Read once, when the JDK's server classes first load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 1000);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "bare-bolt-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/slack/events", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
                Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                        .requestUri(exchange.getRequestURI().getPath()).queryString(Map.of())
                        .headers(new RequestHeaders(headers)).requestBody(body)
                        .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress()).build());
                Response response = app.run(request);
                byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
                if (response.getContentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", response.getContentType());
                }
                exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }
}
