package dev.deckhand.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A lean stand-in for WireMock serving the same fixture files ({@code <root>/mappings/*.json}: method, urlPath,
 * body {@code contains} patterns; status, headers, body, fixedDelayMilliseconds), for benchmarks whose subject
 * is Deckhand's CPU: WireMock spends 2-3 ms of CPU per request (matching, Jetty, its response pipeline), as much
 * as the SDK call it answers, and on two cores that CPU is taken from the scan being measured. This one reads
 * the body, finds the first mapping whose patterns it contains, and answers after the mapping's delay from a
 * timer thread, so a waiting answer holds no thread. HTTP/1.1 keep-alive as the JDK's server does it.
 *
 * <p>{@code FixtureAwsServer <port> <root>}; prints {@code ready <url>} when it listens. Started by
 * {@code bench/in-bot-scan.sh}.
 */
public final class FixtureAwsServer {

    record Mapping(String method, String urlPath, List<String> contains, int status, Map<String, String> headers,
                   byte[] body, long delayMillis) {

        boolean matches(String method, String path, String body) {
            return this.method.equals(method) && this.urlPath.equals(path) && contains.stream().allMatch(body::contains);
        }
    }

    private FixtureAwsServer() {
    }

    static List<Mapping> load(Path root) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Mapping> mappings = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("mappings"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode m = json.readTree(file.toFile());
                JsonNode request = m.get("request");
                JsonNode response = m.get("response");
                List<String> contains = new ArrayList<>();
                request.path("bodyPatterns").forEach(p -> contains.add(p.get("contains").asText()));
                Map<String, String> headers = new java.util.LinkedHashMap<>();
                response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
                mappings.add(new Mapping(request.get("method").asText(), request.get("urlPath").asText(), List.copyOf(contains),
                        response.path("status").asInt(200), Map.copyOf(headers),
                        response.path("body").asText("").getBytes(StandardCharsets.UTF_8),
                        response.path("fixedDelayMilliseconds").asLong(0)));
            }
        }
        return mappings;
    }

    public static void main(String[] args) throws Exception {
        // Headers and body go out in two writes: with Nagle on, the body waits for the client's delayed ACK
        // (~35-40 ms added to every answer). Read once, when the server's config class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        List<Mapping> mappings = load(Path.of(args[1]));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1000);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Mapping match = mappings.stream()
                    .filter(m -> m.matches(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body))
                    .findFirst().orElse(null);
            if (match == null) {
                answer(exchange, 404, Map.of(), ("no fixture matches " + body).getBytes(StandardCharsets.UTF_8));
                return;
            }
            timer.schedule(() -> answer(exchange, match.status(), match.headers(), match.body()), match.delayMillis(),
                    TimeUnit.MILLISECONDS);
        });
        server.start();
        System.out.println("ready http://localhost:" + port + " (" + mappings.size() + " mappings)");
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            out.write(body);
        } catch (IOException e) {
            System.err.println("answer failed: " + e);
        }
    }
}
