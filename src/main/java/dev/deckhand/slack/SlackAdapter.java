package dev.deckhand.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.deckhand.access.Authorizer;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.DeliveryGuard;
import dev.deckhand.command.CommandRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Deckhand in Slack, built in two steps because the two sides need each other: {@link #create} gives
 * the {@link ChatPort} that Deckhand's services post through, then {@link #start} connects the
 * command router, over HTTP ({@code POST /slack/events}, signature checked) or, when an app token is
 * set, over Socket Mode (no public URL needed).
 */
public final class SlackAdapter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);

    private final SlackSettings settings;
    private final Slack slack;
    private final Clock clock;
    private final SlackChatPort chat;
    private CommandRunner runner;
    private SlackHttpServer http;
    private SocketModeApp socketMode;
    private App app;
    private SlackHealth health;
    private volatile boolean closing;
    private final ReconnectBackoff backoff = ReconnectBackoff.DEFAULT;
    private Duration linkCheckEvery = Duration.ofSeconds(10);
    private final java.util.concurrent.ScheduledExecutorService reconnects =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "deckhand-socket-reconnect");
                t.setDaemon(true);
                return t;
            });

    private SlackAdapter(SlackSettings settings, Slack slack, Clock clock) {
        this.settings = settings;
        this.slack = slack;
        this.clock = clock;
        this.chat = new SlackChatPort(slack.methods(settings.botToken()));
    }

    /**
     * @param slack Slack's client: {@code Slack.getInstance()} in production; tests pass one whose
     *              {@code SlackConfig} points the Web API at a fake
     */
    public static SlackAdapter create(SlackSettings settings, Slack slack, Clock clock) {
        return new SlackAdapter(settings, slack, clock);
    }

    /** How often a connected Socket Mode link is pinged (10 s; tests ask for less). */
    SlackAdapter checkingLinkEvery(Duration every) {
        this.linkCheckEvery = every;
        return this;
    }

    /** Slack's own client, talking to slack.com. */
    public static Slack defaultSlack() {
        return Slack.getInstance();
    }

    /**
     * Slack's client with every Web API call (Socket Mode's {@code apps.connections.open} included) sent to
     * {@code settings.apiUrl()}: slack.com, GovSlack, or a test double outside the JVM.
     */
    public static Slack slackClient(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        return Slack.getInstance(config);
    }

    public ChatPort chatPort() {
        return chat;
    }

    /**
     * Connects the router and starts listening.
     *
     * @param authorizer asked once more inside the acknowledgement to answer denials at once
     * @param regionOf   a channel's region, named in "Working on ..." acknowledgements
     * @throws IOException when the port is taken, Slack is unreachable or the token is refused; the message
     *                     says which and never contains a token
     */
    public synchronized void start(CommandRouter router, Authorizer authorizer, Function<String, String> regionOf)
            throws IOException {
        start(router, authorizer, regionOf, new DeliveryLog(settings.duplicateWindow(), clock));
    }

    /**
     * As {@link #start(CommandRouter, Authorizer, Function)}, with duplicate deliveries decided by
     * {@code deliveries} (the store's, when replicas share it) instead of this process's memory.
     */
    public synchronized void start(CommandRouter router, Authorizer authorizer, Function<String, String> regionOf,
                                   DeliveryGuard deliveries) throws IOException {
        if (app != null) {
            throw new IllegalStateException("Slack adapter already started");
        }
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret().orElse(null))
                // HTTP requests are verified by SignatureGate before Bolt sees them (both sides of the
                // time window, injected clock); Socket Mode messages carry no signature at all.
                .requestVerificationEnabled(false)
                .build();
        app = new App(config);
        runner = new CommandRunner(router, chat, clock, settings.progressInterval(), settings.command(), settings.workers());
        Triage triage = new Triage(router, authorizer, regionOf, settings.instantCommands());
        CommandIntake intake = new CommandIntake(triage, runner, deliveries, slack, settings.command());
        app.command(settings.command(), new SlashCommandListener(intake));
        app.blockAction(Pattern.compile(Pattern.quote(BlockKitRenderer.ACTION_PREFIX) + ".*"),
                new ButtonClickListener(intake));
        app.viewSubmission(DenyReasonModal.CALLBACK_ID, new DenyReasonListener(intake));
        log.info("Starting Slack adapter: {}", settings);
        health = new SlackHealth(clock, settings.socketMode() ? "socket" : "http");
        if (settings.socketMode()) {
            String appToken = settings.appToken().orElseThrow();
            // Bolt builds the client on start; the listeners are attached before its WebSocket connects.
            socketMode = new SocketModeApp(() -> {
                try {
                    SocketModeClient client = slack.socketMode(appToken);
                    // Bolt would retry at once and every 10 s with a stack trace each time; we reconnect ourselves.
                    client.setAutoReconnectEnabled(false);
                    client.setAutoReconnectOnCloseEnabled(false);
                    // Bolt's session monitor reconnects on its own whenever auto-reconnect is on, which its
                    // connect() turns back on each time: between a new session and its hello it replaced a
                    // link we had just replaced (a third connection). Our own ping does its job (watchSocket).
                    client.setSessionMonitorEnabled(false);
                    client.getSessionMonitorExecutor().ifPresent(java.util.concurrent.ExecutorService::shutdownNow);
                    watchSocket(client);
                    SocketModeBridge.attach(client, app);
                    return client;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, app);
            startHttp(null, null);
            try {
                socketMode.startAsync();
            } catch (Exception e) {
                Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
                // Slack's messages name the error code (invalid_auth, not_allowed_token_type), never the token.
                throw new IOException("Slack adapter could not start: Slack did not open a Socket Mode connection with "
                        + "SLACK_APP_TOKEN (" + cause.getMessage() + "). Check that it is an app-level token (xapp-...) "
                        + "with the connections:write scope and that this machine can reach slack.com.", cause);
            }
            // Not "connected" yet: that is Slack's hello, which the listener reports and /healthz shows.
            log.info("Socket Mode connection opening; /healthz reports 'connected' once Slack says hello");
            return;
        }
        try {
            app.start();
        } catch (Exception e) {
            // Bolt checks the bot token with auth.test at start; its message never contains the token.
            throw new IOException("Slack adapter could not start: Slack did not confirm SLACK_BOT_TOKEN with auth.test ("
                    + e.getMessage() + "). Check the token (xoxb-...) and that this machine can reach slack.com.", e);
        }
        health.connected();
        SignatureGate gate = new SignatureGate(settings.signingSecret().orElseThrow(), clock);
        startHttp(gate, new SignedEndpoint(app, gate, new ReplayGuard(deliveries, clock)));
    }

    /**
     * Tells the truth about the WebSocket: connected only on Slack's {@code hello}; a close, an error or a
     * ping without pong is one log line (the cause's class and message, no stack trace) and turns /healthz
     * to reconnecting. One reconnect is in flight at a time, whoever noticed the drop first.
     */
    private void watchSocket(SocketModeClient client) {
        // Reconnect attempts since the last hello; above zero means a reconnect is on its way.
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean helloSeen = new AtomicBoolean();
        client.addWebSocketMessageListener(message -> {
            if (message != null && message.contains("\"type\":\"hello\"")) {
                // Bolt's connect() turns its auto-reconnect back on; nothing of Bolt's may reconnect beside us
                // (its session monitor is stopped where the client is built).
                client.setAutoReconnectEnabled(false);
                attempts.set(0);
                helloSeen.set(true);
                health.connected();
                log.info("Connected to Slack in Socket Mode (hello received)");
            }
        });
        client.addWebSocketCloseListener((code, reason) -> {
            if (closing || closedByClient(reason)) {
                return;
            }
            dropped(client, attempts, "connection closed (" + code + " " + reason + ")");
        });
        client.addWebSocketErrorListener(error -> {
            health.reconnecting(Math.max(1, attempts.get()));
            log.warn("Socket Mode error: {}", error.toString());
        });
        // A link can die without a close (a NAT forgets it, a laptop sleeps): ping it, as Bolt's monitor did.
        reconnects.scheduleWithFixedDelay(() -> {
            try {
                // Only a link Slack has said hello on is checked: before that (start-up under load, a reconnect
                // on its way) there is nothing to ping, and a false "no pong" would open a second connection.
                if (closing || !helloSeen.get() || attempts.get() > 0) {
                    return;
                }
                if (!client.verifyConnection() && !closing) {
                    dropped(client, attempts, "no pong to a ping within 3 s");
                }
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again: the link would go unwatched.
                log.warn("Socket Mode link check failed ({}); checking again in {} s", e.toString(), linkCheckEvery.toSeconds());
            }
        }, linkCheckEvery.toMillis(), linkCheckEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * The client closes a session itself when it replaces it with a new one (our reconnect) or disconnects,
     * and says so in the reason; that close is no drop.
     */
    static boolean closedByClient(String reason) {
        return reason != null && reason.endsWith(" did it");
    }

    private void dropped(SocketModeClient client, AtomicInteger attempts, String why) {
        if (!attempts.compareAndSet(0, 1)) {
            return; // someone noticed first; their reconnect is on its way
        }
        health.reconnecting(1);
        log.warn("Socket Mode {}; reconnecting in {} s, attempt 1", why, backoff.delay(1).toSeconds());
        reconnectLater(client, attempts, 1);
    }

    /**
     * One reconnect attempt after {@link ReconnectBackoff#delay}; a failure is one log line (the stack trace
     * only on the first) and schedules the next, so an unreachable Slack costs a line per attempt, spaced out.
     */
    private void reconnectLater(SocketModeClient client, AtomicInteger attempts, int attempt) {
        reconnects.schedule(() -> {
            if (closing || attempts.get() == 0) {
                return; // shutting down, or Slack said hello since: the link is back without us
            }
            try {
                client.connectToNewEndpoint();
            } catch (Exception e) {
                int next = attempts.incrementAndGet();
                health.reconnecting(next);
                if (attempt == 1) {
                    log.warn("Socket Mode reconnect attempt {} failed; next in {} s", attempt,
                            backoff.delay(next).toSeconds(), e);
                } else {
                    log.warn("Socket Mode reconnect attempt {} failed ({}); next in {} s", attempt, e.toString(),
                            backoff.delay(next).toSeconds());
                }
                reconnectLater(client, attempts, next);
            }
        }, backoff.delay(attempt).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The HTTP endpoint: Slack's requests and /healthz, or /healthz alone in Socket Mode (null endpoint). */
    private void startHttp(SignatureGate gate, SignedEndpoint endpoint) throws IOException {
        http = new SlackHttpServer(gate, endpoint, health, settings.http(), settings.port());
        try {
            http.start();
        } catch (IOException e) {
            http.close();
            http = null;
            throw new IOException("Slack adapter could not start: port " + settings.port() + " cannot be opened ("
                    + e.getMessage() + "). Choose another with slack.port or DECKHAND_SLACK_PORT.", e);
        }
    }

    /** The HTTP port actually bound (useful when configured as 0), or -1 in Socket Mode / before start. */
    public synchronized int port() {
        return http == null ? -1 : http.port();
    }

    @Override
    public synchronized void close() {
        closing = true;
        reconnects.shutdownNow();
        if (http != null) {
            http.close();
        }
        if (socketMode != null) {
            try {
                socketMode.close();
            } catch (Exception e) {
                log.warn("Socket Mode did not close cleanly: {}", e.getMessage());
            }
        }
        if (runner != null) {
            runner.close();
        }
        if (app != null) {
            app.stop();
        }
    }
}
