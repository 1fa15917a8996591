package dev.deckhand.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's HTTP endpoint on the JDK's own {@link HttpServer}: {@code POST /slack/events} (slash
 * commands and interactivity) and {@code GET /healthz}. The body is read once as raw bytes; the
 * {@link SignatureGate} checks those exact bytes and the timestamp before anything parses them, and a
 * refused request gets 401 without reaching Bolt. Accepted requests go through Bolt's own
 * {@link SlackRequestParser} and {@link App#run}, and Bolt's {@link Response} is written back as is.
 *
 * <p>Why not Jetty with {@code bolt-jakarta-servlet}: two more dependency trees for one endpoint, while
 * the JDK server does what Slack needs (one POST path, small bodies, short answers). The servlet
 * adapter also reads the body line by line and re-joins it with the platform's line separator, which
 * changes a body with newlines before its signature is checked; here the bytes are never touched.
 */
final class SlackHttpServer implements AutoCloseable {

    static final String EVENTS_PATH = "/slack/events";
    static final String HEALTH_PATH = "/healthz";
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final Logger log = LoggerFactory.getLogger(SlackHttpServer.class);

    private final App app;
    private final SlackRequestParser parser;
    private final SignatureGate gate;
    private final HttpServer server;
    private final ExecutorService threads;

    SlackHttpServer(App app, SignatureGate gate, int port, int threadCount) throws IOException {
        // The JDK server flushes the response headers and the body as two TCP segments; with Nagle's
        // algorithm on, the body then waits for the client's delayed ACK (~40 ms on Linux) -- measured as a
        // flat 45 ms ack p50 in bench/. TCP_NODELAY is a JDK-wide switch read once, before the first server.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.gate = gate;
        this.server = HttpServer.create(new InetSocketAddress(port), 256);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "deckhand-slack-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(EVENTS_PATH, this::events);
        server.createContext(HEALTH_PATH, this::health);
    }

    void start() {
        server.start();
        log.info("Slack HTTP endpoint listening on port {} ({} and {})", port(), EVENTS_PATH, HEALTH_PATH);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(HEALTH_PATH)) {
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}", Map.of());
            } else if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "application/json", "{\"error\":\"use GET\"}", Map.of());
            } else {
                send(exchange, 200, "application/json", "{\"status\":\"ok\"}", Map.of());
            }
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(EVENTS_PATH)) {
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}", Map.of());
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "application/json", "{\"error\":\"use POST\"}", Map.of());
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, "application/json", "{\"error\":\"request too large\"}", Map.of());
                return;
            }
            var headers = exchange.getRequestHeaders();
            Optional<String> refused = gate.rejection(headers.getFirst(SignatureGate.TIMESTAMP_HEADER),
                    headers.getFirst(SignatureGate.SIGNATURE_HEADER), body);
            if (refused.isPresent()) {
                log.info("Refused a request from {}: {}", exchange.getRemoteAddress().getAddress().getHostAddress(),
                        refused.get());
                send(exchange, 401, "application/json", "{\"error\":\"invalid request\"}", Map.of());
                return;
            }
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(EVENTS_PATH)
                    .queryString(QueryStringParser.toMap(exchange.getRequestURI().getRawQuery()))
                    .headers(new RequestHeaders(headers))
                    .requestBody(new String(body, StandardCharsets.UTF_8))
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .build());
            if (request == null) {
                send(exchange, 400, "application/json", "{\"error\":\"not a Slack request Deckhand handles\"}", Map.of());
                return;
            }
            Response response = app.run(request);
            send(exchange, response.getStatusCode() == null ? 200 : response.getStatusCode(),
                    response.getContentType(), response.getBody(),
                    response.getHeaders() == null ? Map.of() : response.getHeaders());
        } catch (Exception e) {
            log.error("Slack request failed", e);
            try {
                send(exchange, 500, "application/json", "{\"error\":\"internal error\"}", Map.of());
            } catch (IOException | RuntimeException ignored) {
                // the headers were already sent; the connection is closed below
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body,
                             Map<String, List<String>> headers) throws IOException {
        headers.forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
