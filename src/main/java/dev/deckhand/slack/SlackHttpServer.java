package dev.deckhand.slack;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack's HTTP endpoint on Jetty's core server: {@code POST /slack/events} (slash commands and
 * interactivity) and {@code GET /healthz}. Built to stay up on the open internet:
 * <ul>
 *   <li>Jetty reads headers and bodies without blocking a thread, and closes a connection that sends
 *       nothing for {@link HttpLimits#readTimeout()}: a client that stalls holds a socket, never a worker.</li>
 *   <li>The signature headers (presence, timestamp within the window on both sides) and the declared
 *       length are checked before a byte of the body is read; a body past 1 MiB is refused with 413.</li>
 *   <li>Only a fully read request takes one of {@link HttpLimits#maxConcurrentRequests()} permits; past
 *       them the answer is 503 at once.</li>
 *   <li>{@code /healthz} is answered on the spot, outside those permits and workers.</li>
 * </ul>
 * With no {@link SignedEndpoint} (Socket Mode) only {@code /healthz} is served.
 *
 * <p>Why Jetty's core handler rather than Bolt's {@code SlackAppServlet}: the servlet adapter reads the body
 * line by line and re-joins it with the platform's line separator, which changes a body with newlines
 * before its signature is checked; here the bytes are never touched.
 */
final class SlackHttpServer implements AutoCloseable {

    static final String EVENTS_PATH = "/slack/events";
    static final String HEALTH_PATH = "/healthz";
    private static final Logger log = LoggerFactory.getLogger(SlackHttpServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final SignatureGate gate;
    private final SignedEndpoint endpoint;
    private final SlackHealth health;
    private final Semaphore permits;
    private final ThreadPoolExecutor workers;
    private final AtomicLong ids = new AtomicLong();
    private final String idPrefix = Long.toString(System.nanoTime() & 0xfffff, 36);

    /**
     * @param gate     the signature check (null only with a null endpoint)
     * @param endpoint what runs a signed request; null in Socket Mode (health only)
     */
    SlackHttpServer(SignatureGate gate, SignedEndpoint endpoint, SlackHealth health, HttpLimits limits, int port) {
        this.gate = gate;
        this.endpoint = endpoint;
        this.health = health;
        this.permits = new Semaphore(limits.maxConcurrentRequests());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(limits.maxConcurrentRequests(), limits.maxConcurrentRequests(),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "deckhand-slack-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        QueuedThreadPool jettyThreads = new QueuedThreadPool(32, 4);
        jettyThreads.setName("deckhand-slack-jetty");
        jettyThreads.setDaemon(true);
        this.server = new Server(jettyThreads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        http.setIdleTimeout(limits.readTimeout().toMillis());
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setPort(port);
        connector.setIdleTimeout(limits.readTimeout().toMillis());
        connector.setAcceptQueueSize(1024);
        server.setConnectors(new ServerConnector[]{connector});
        server.setHandler(new Front());
    }

    void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        log.info("Slack HTTP endpoint listening on port {} ({}{})", port(), endpoint == null ? "" : EVENTS_PATH + " and ",
                HEALTH_PATH);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Routes a request as soon as its headers are in; never blocks (the body is read asynchronously). */
    private final class Front extends Handler.Abstract.NonBlocking {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (path.equals(HEALTH_PATH)) {
                write(response, callback, request.getMethod().equals("GET")
                        ? HttpAnswer.json(health.status(), health.json()) : HttpAnswer.error(405, "use GET"));
                return true;
            }
            if (!path.equals(EVENTS_PATH) || endpoint == null) {
                write(response, callback, HttpAnswer.error(404, "not found"));
                return true;
            }
            if (!request.getMethod().equals("POST")) {
                write(response, callback, HttpAnswer.error(405, "use POST"));
                return true;
            }
            String requestId = idPrefix + "-" + ids.incrementAndGet();
            String remote = Request.getRemoteAddr(request);
            Optional<String> refused = gate.headerRejection(request.getHeaders().get(SignatureGate.TIMESTAMP_HEADER),
                    request.getHeaders().get(SignatureGate.SIGNATURE_HEADER));
            if (refused.isPresent()) {
                log.info("[req {}] Refused a request from {} before reading it: {}", requestId, remote, refused.get());
                closeAfterAnswer(response);
                write(response, callback, HttpAnswer.error(401, "invalid request"));
                return true;
            }
            if (request.getLength() > HttpLimits.MAX_BODY_BYTES) {
                log.info("[req {}] Refused a {} byte body from {}", requestId, request.getLength(), remote);
                closeAfterAnswer(response);
                write(response, callback, HttpAnswer.error(413, "request too large"));
                return true;
            }
            Content.Source.asByteArrayAsync(request, HttpLimits.MAX_BODY_BYTES).whenComplete((body, failure) -> {
                if (failure != null) {
                    if (Request.getContentBytesRead(request) > HttpLimits.MAX_BODY_BYTES
                            || String.valueOf(failure.getMessage()).toLowerCase().contains("too large")) {
                        log.info("[req {}] Refused a body past {} bytes from {}", requestId, HttpLimits.MAX_BODY_BYTES, remote);
                        write(response, callback, HttpAnswer.error(413, "request too large"));
                    } else {
                        log.info("[req {}] Body from {} not received: {}", requestId, remote, failure.toString());
                        callback.failed(failure);
                    }
                    return;
                }
                dispatch(requestId, remote, request, body, response, callback);
            });
            return true;
        }
    }

    private void dispatch(String requestId, String remote, Request request, byte[] body, Response response,
                          Callback callback) {
        if (!permits.tryAcquire()) {
            log.warn("[req {}] Busy: {} requests in progress; answered 503", requestId, workers.getActiveCount());
            write(response, callback, HttpAnswer.error(503, "busy, try again"));
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        String query = request.getHttpURI().getQuery();
        workers.execute(() -> {
            HttpAnswer answer;
            try {
                answer = endpoint.handle(requestId, body, headers, query, remote);
            } catch (Exception e) {
                log.error("[req {}] Slack request failed", requestId, e);
                answer = HttpAnswer.error(500, "internal error");
            } finally {
                permits.release();
            }
            write(response, callback, answer);
        });
    }

    /**
     * A refusal answered before the body was read: the unread body makes the connection unusable, so say
     * so ({@code Connection: close}); a client that kept it alive would send its next request into a
     * connection the server is closing and read no answer at all.
     */
    private static void closeAfterAnswer(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    private static void write(Response response, Callback callback, HttpAnswer answer) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> response.getHeaders().add(name, v));
            }
        });
        if (answer.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        }
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("Slack HTTP endpoint did not stop cleanly: {}", e.getMessage());
        }
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
