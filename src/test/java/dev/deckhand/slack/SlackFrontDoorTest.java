package dev.deckhand.slack;

import dev.deckhand.access.Role;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP front on the open internet: clients that stall mid-request, oversized and unsigned bodies,
 * more signed requests than the endpoint handles at once. Real sockets against the running adapter.
 */
class SlackFrontDoorTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_CONCURRENT = 4;

    @TempDir
    static Path tempDir;

    private static SlackRig rig;
    private static SlackStub slack;
    private static SlackAdapter adapter;
    private static int port;
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final java.util.concurrent.Semaphore entered = new java.util.concurrent.Semaphore(0);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help", "hold"), 1,
                Duration.ofSeconds(1), Duration.ofMinutes(1), SlackStub.BOT_TOKEN,
                Optional.of(SlackStub.SIGNING_SECRET), Optional.empty(), SlackSettings.DEFAULT_API_URL,
                new HttpLimits(READ_TIMEOUT, MAX_CONCURRENT));
        // An instant command that holds its request (and so one of the endpoint's permits) until released.
        rig = new SlackRig(tempDir, settings, Clock.systemUTC(), d -> d.registry().register(CommandSpec.command("hold")
                .usage("hold").description("Test hold").example("hold").role(Role.VIEWER).args(0, 0).handledBy(context -> {
                    entered.release();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Reply.ephemeral("held");
                })));
        slack = rig.slack;
        adapter = rig.adapter;
        port = adapter.port();
        // Warm up: the first signed request pays for class loading and Bolt's auth.test, not for the front.
        slack.send(port, slack.slashBody("UVIEW", "C1", "help", "t-warm-up"), java.time.Instant.now());
    }

    @AfterAll
    static void stop() throws Exception {
        release.countDown();
        rig.close();
    }

    private HttpResponse<String> healthz() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> help(String trigger) {
        return slack.send(port, slack.slashBody("UVIEW", "C1", "help", trigger), java.time.Instant.now());
    }

    /** Opens a connection and sends {@code partial}; the rest never comes. */
    private static Socket stall(String partial) throws Exception {
        Socket socket = new Socket("localhost", port);
        socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Reads what the server sends on a raw socket until it closes it; empty if it closed without answering. */
    private static String readUntilClosed(Socket socket, Duration wait) throws Exception {
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void hundredsOfStalledClients_doNotStopSignedCommandsOrHealthz_andAreClosedByTheReadTimeout() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        long sentAt = System.nanoTime();
        try {
            for (int i = 0; i < 300; i++) {
                String ts = String.valueOf(System.currentTimeMillis() / 1000);
                stalled.add(switch (i % 3) {
                    case 0 -> stall("POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slack-Req");
                    case 1 -> stall("POST /slack/events HTTP/1.1\r\nHost: x\r\n");
                    default -> stall("POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            + "X-Slack-Request-Timestamp: " + ts + "\r\nX-Slack-Signature: v0=" + "0".repeat(64) + "\r\n"
                            + "Content-Length: 400\r\n\r\ntoken=abc&team_id=T1");
                });
            }

            for (int i = 0; i < 5; i++) {
                long askedAt = System.nanoTime();
                HttpResponse<String> health = healthz();
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"connected\"");
                HttpResponse<String> answer = help("t-stalled-" + i);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).contains("Deckhand commands");
                assertThat(Duration.ofNanos(System.nanoTime() - askedAt)).as("inside Slack's 3 s")
                        .isLessThan(Duration.ofSeconds(2));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).as("answered while the stalled clients wait")
                    .isLessThan(READ_TIMEOUT);

            for (Socket socket : stalled) {
                String answer;
                try {
                    answer = readUntilClosed(socket, READ_TIMEOUT.multipliedBy(3));
                } catch (SocketTimeoutException e) {
                    answer = "still open";
                }
                assertThat(answer).as("closed by the server's read timeout, never answered 200").doesNotContain("still open")
                        .doesNotContain("HTTP/1.1 200");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void unsignedRequest_isRefusedBeforeItsBodyIsRead() throws Exception {
        // Declares a body it never sends: the 401 must come from the headers alone.
        try (Socket socket = stall("POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n")) {
            socket.setSoTimeout(1000);
            byte[] head = new byte[12];
            int read = socket.getInputStream().readNBytes(head, 0, 12);
            assertThat(new String(head, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 401");
        }
    }

    @Test
    void timestampInTheFuture_isRefusedBeforeItsBodyIsRead() throws Exception {
        long future = System.currentTimeMillis() / 1000 + 600;
        try (Socket socket = stall("POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slack-Request-Timestamp: " + future
                + "\r\nX-Slack-Signature: v0=00\r\nContent-Length: 5000\r\n\r\n")) {
            socket.setSoTimeout(1000);
            byte[] head = new byte[12];
            int read = socket.getInputStream().readNBytes(head, 0, 12);
            assertThat(new String(head, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 401");
        }
    }

    @Test
    void bodyPastOneMebibyte_isRefusedWith413_beforeItIsRead() throws Exception {
        // Declares a body past the cap and sends none of it: the 413 must come from the headers alone. (Sending
        // the whole body raced: the server answers and closes at once, and a client still writing its body can
        // get a reset instead of the answer.)
        long now = System.currentTimeMillis() / 1000;
        try (Socket socket = stall("POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slack-Request-Timestamp: " + now
                + "\r\nX-Slack-Signature: v0=" + "0".repeat(64) + "\r\nContent-Length: " + ((1 << 20) + 10) + "\r\n\r\n")) {
            socket.setSoTimeout(1000);
            byte[] head = new byte[12];
            int read = socket.getInputStream().readNBytes(head, 0, 12);
            assertThat(new String(head, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void moreSignedRequestsThanTheLimit_getA503AtOnce_whileHealthzStillAnswers() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        // A thread per held request: the common pool may have fewer threads than MAX_CONCURRENT.
        ExecutorService senders = Executors.newFixedThreadPool(MAX_CONCURRENT);
        for (int i = 0; i < MAX_CONCURRENT; i++) {
            String trigger = "t-hold-" + i;
            held.add(CompletableFuture.supplyAsync(() ->
                    slack.send(port, slack.slashBody("UVIEW", "C1", "hold", trigger), java.time.Instant.now()), senders));
        }
        senders.shutdown();
        assertThat(entered.tryAcquire(MAX_CONCURRENT, 10, TimeUnit.SECONDS)).as("all permits taken").isTrue();

        long before = System.nanoTime();
        HttpResponse<String> refused = help("t-over-limit");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(healthz().statusCode()).isEqualTo(200);

        release.countDown();
        for (var answer : held) {
            assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(help("t-after-hold").statusCode()).isEqualTo(200);
    }
}
