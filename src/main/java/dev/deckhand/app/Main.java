package dev.deckhand.app;

import dev.deckhand.app.config.ConfigException;
import dev.deckhand.app.config.ConfigLoader;
import dev.deckhand.app.config.DeckhandConfig;
import dev.deckhand.app.config.Secrets;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.ratelimit.CallBudget;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.console.Console;
import dev.deckhand.console.ConsoleChatPort;
import dev.deckhand.costwatch.RegionOutcome;
import dev.deckhand.costwatch.ScanExit;
import dev.deckhand.costwatch.ScanJson;
import dev.deckhand.costwatch.ScanResult;
import dev.deckhand.costwatch.ScanTable;
import dev.deckhand.slack.HttpLimits;
import dev.deckhand.slack.SlackAdapter;
import dev.deckhand.slack.SlackSettings;
import dev.deckhand.store.Database;
import dev.deckhand.store.StoreCopy;
import dev.deckhand.store.StoreException;
import dev.deckhand.store.StoreTarget;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The command line: picks a mode, loads and checks config, starts Deckhand. */
public final class Main {

    static final String USAGE = """
            Usage: java -jar target/deckhand.jar [mode] [--config <file>]

            Modes:
              (none)     Slack when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN
                         (Socket Mode) are set; otherwise the console
              console    a terminal prompt: type what you would type after /deckhand in Slack
              slack      the Slack adapter (fails when the tokens are missing)
              scan       one cost-watch scan of every region: prints a table, exits 1 when the estimated
                         waste is above costwatch.failAboveUsd, 2 when any region could not be scanned
                         (for cron or CI); scan --json prints the JSON document of docs/scan.schema.json
              migrate-store --from <jdbc url> --to <jdbc url>
                         copies every table from one store to an empty one (e.g. the SQLite file into
                         the PostgreSQL several replicas will share); stop Deckhand first
              iam-policy [--read-only]
                         prints the least-privilege IAM policy for the AWS actions Deckhand calls (the
                         role in each account of aws.accounts); --read-only: only what list and cost watch need
              --help     this text

            Options:
              --config <file>   configuration file (default config/deckhand.yml)

            Environment:
              SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN   Slack secrets (never in the YAML)
              DECKHAND_STORE_USER, DECKHAND_STORE_PASSWORD              PostgreSQL credentials (store.url)
              AWS_PROFILE / AWS_ACCESS_KEY_ID ... / AWS_ENDPOINT_URL    the standard AWS chain
              DECKHAND_<KEY>                                            overrides a key of the YAML,
                                                                        e.g. DECKHAND_AWS_DEFAULT_REGION
            """;

    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(argv, Map.copyOf(System.getenv())));
    }

    static int run(String[] argv, Map<String, String> env) throws Exception {
        List<String> args = new ArrayList<>(List.of(argv));
        if (args.contains("--help") || args.contains("-h") || args.contains("help")) {
            System.out.println(USAGE);
            return 0;
        }
        Path configFile = Path.of("config/deckhand.yml");
        int configAt = args.indexOf("--config");
        if (configAt >= 0) {
            if (configAt + 1 >= args.size()) {
                System.err.println("--config needs a file, e.g. --config config/deckhand.yml");
                return 2;
            }
            configFile = Path.of(args.get(configAt + 1));
            args.remove(configAt + 1);
            args.remove(configAt);
        }
        String mode = args.isEmpty() ? "auto" : args.get(0);
        boolean json = mode.equals("scan") && args.remove("--json");
        if (mode.equals("migrate-store")) {
            return migrateStore(args.subList(1, args.size()), env);
        }
        if (mode.equals("iam-policy")) {
            List<String> rest = args.subList(1, args.size());
            if (!rest.isEmpty() && !rest.equals(List.of("--read-only"))) {
                System.err.println("iam-policy takes only --read-only\n\n" + USAGE);
                return 2;
            }
            System.out.println(dev.deckhand.aws.IamPolicy.json(!rest.isEmpty()));
            return 0;
        }
        if (!List.of("auto", "console", "slack", "scan").contains(mode) || args.size() > 1) {
            System.err.println("Unknown mode or argument: " + String.join(" ", args) + "\n\n" + USAGE);
            return 2;
        }
        DeckhandConfig config;
        try {
            config = ConfigLoader.load(configFile, env);
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        }
        if (mode.equals("scan")) {
            return scan(config, env, json);
        }
        Secrets secrets = Secrets.fromEnvironment(env);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        boolean slackMode = mode.equals("slack") || mode.equals("auto") && secrets.hasSlack();
        if (slackMode && !secrets.hasSlack()) {
            System.err.println("Slack mode needs SLACK_BOT_TOKEN plus SLACK_SIGNING_SECRET (HTTP) or "
                    + "SLACK_APP_TOKEN (Socket Mode). Got: " + secrets);
            return 2;
        }
        if (slackMode && config.costwatch().enabled() && blank(config.costwatch().channel())) {
            // Without it the digest was only a log line at the scheduled time: say so before anything starts.
            System.err.println("Configuration error: costwatch.channel: the cost digest is enabled but has no Slack channel "
                    + "to post to. Set costwatch.channel (or DECKHAND_COSTWATCH_CHANNEL) to a channel id such as "
                    + "C0123456789, or set costwatch.enabled: false.");
            return 2;
        }
        try (AwsClients aws = awsClients(config)) {
            return run(config, env, secrets, slackMode, aws, out);
        } catch (ConfigException e) {
            // Command names in config are checked once the commands are registered, as Deckhand starts.
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        } catch (StoreException e) {
            // An unreachable server or a refused password: say which store and what to check, no stack trace.
            System.err.println("Store error: " + e.getMessage());
            return 2;
        }
    }

    private static int run(DeckhandConfig config, Map<String, String> env, Secrets secrets, boolean slackMode,
                           AwsClients aws, PrintWriter out) throws Exception {
        if (slackMode) {
            return runSlack(config, env, secrets, aws);
        }
        try (Deckhand deckhand = Deckhand.create(config, env, aws, Clock.systemUTC(), new ConsoleChatPort(out))) {
            new Console(deckhand.router(), deckhand::regionOf, config.console().user(), config.console().channel(),
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    out).run();
            return 0;
        }
    }

    /**
     * {@code migrate-store --from <url> --to <url>}: both stores are migrated to this version's schema,
     * then every row is copied into the (empty) target in one transaction. A PostgreSQL side takes its
     * credentials from DECKHAND_STORE_USER / DECKHAND_STORE_PASSWORD like the bot does.
     */
    static int migrateStore(List<String> args, Map<String, String> env) {
        int fromAt = args.indexOf("--from");
        int toAt = args.indexOf("--to");
        if (args.size() != 4 || fromAt < 0 || toAt < 0 || fromAt + 1 >= args.size() || toAt + 1 >= args.size()) {
            System.err.println("Usage: migrate-store --from <jdbc url> --to <jdbc url>, e.g. --from jdbc:sqlite:data/deckhand.db "
                    + "--to jdbc:postgresql://db:5432/deckhand");
            return 2;
        }
        String from = args.get(fromAt + 1);
        String to = args.get(toAt + 1);
        if (from.equals(to)) {
            System.err.println("migrate-store: --from and --to name the same store.");
            return 2;
        }
        try (Database source = Database.open(StoreTarget.fromConfig("", from, env));
             Database target = Database.open(StoreTarget.fromConfig("", to, env))) {
            Map<String, Integer> copied = StoreCopy.copy(source, target);
            copied.forEach((table, rows) -> System.out.println(table + ": " + rows + " rows"));
            System.out.println("Copied " + copied.values().stream().mapToInt(Integer::intValue).sum() + " rows from "
                    + source.describe() + " to " + target.describe() + ".");
            return 0;
        } catch (IllegalArgumentException | StoreException e) {
            System.err.println("migrate-store: " + e.getMessage());
            return 2;
        }
    }

    /** Builds the Slack chat port first (Deckhand posts through it), then connects the router and serves until stopped. */
    private static int runSlack(DeckhandConfig config, Map<String, String> env, Secrets secrets, AwsClients aws)
            throws Exception {
        Clock clock = Clock.systemUTC();
        SlackSettings settings = slackSettings(config.slack(), secrets);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // On Ctrl-C / SIGTERM: let main close the server, the workers and the database before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "deckhand-shutdown"));
        try (SlackAdapter slack = SlackAdapter.create(settings, SlackAdapter.slackClient(settings), clock);
             Deckhand deckhand = Deckhand.create(config, env, aws, clock, slack.chatPort())) {
            try {
                slack.start(deckhand.router(), deckhand.checker(), deckhand::regionOf,
                        deckhand.deliveryGuard(settings.duplicateWindow()));
            } catch (IOException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            System.err.println(settings.socketMode() ? "Deckhand is starting in Socket Mode (GET /healthz on port " + slack.port() + " says when Slack has said hello). Ctrl-C stops it."
                    : "Deckhand is serving Slack on port " + slack.port() + " (POST /slack/events). Ctrl-C stops it.");
            stopped.await();
            return 0;
        } finally {
            closed.countDown();
        }
    }

    static SlackSettings slackSettings(DeckhandConfig.Slack slack, Secrets secrets) {
        return new SlackSettings(slack.port(), slack.command(), Set.copyOf(slack.instantCommands()), slack.workers(),
                Duration.ofMillis(slack.progressIntervalMillis()), Duration.ofSeconds(slack.duplicateWindowSeconds()),
                secrets.slackBotToken().orElseThrow(), secrets.slackSigningSecret(), secrets.slackAppToken(), slack.apiUrl(),
                new HttpLimits(Duration.ofMillis(slack.readTimeoutMillis()), slack.maxConcurrentRequests()));
    }

    /** The AWS clients Deckhand uses: the default credentials chain, and aws.endpoint when set (emulators). */
    private static AwsClients awsClients(DeckhandConfig config) {
        Optional<URI> endpoint = Optional.ofNullable(config.aws().endpoint()).filter(s -> !s.isBlank()).map(URI::create);
        return new AwsClients(AwsClients.Settings.defaults(endpoint, config.aws().maxAttempts())
                .withBudget(new CallBudget(config.rateLimits().awsCallsPerSecond())), config.aws().toAccounts(),
                config.aws().defaultRegion());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** {@code scan}: one fresh scan, a table on stdout, exit 1 above the configured threshold. */
    static int scan(DeckhandConfig config, Map<String, String> env, boolean json) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        try (AwsClients aws = awsClients(config);
             Deckhand deckhand = Deckhand.oneShot(config, env, aws, Clock.systemUTC(), new ConsoleChatPort(out))) {
            return scan(deckhand, out, json);
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        }
    }

    private static int scan(Deckhand deckhand, PrintWriter out, boolean json) {
        ScanResult result;
        try {
            result = deckhand.costWatch().scans().scan(List.of(), true, step -> System.err.println(step));
        } catch (UserFacingException e) {
            System.err.println("Could not scan: " + e.getMessage());
            if (json) {
                // A script reading stdout gets a document either way: incomplete, with the one failure.
                ScanResult none = new ScanResult(java.time.Instant.now(), List.of(new RegionOutcome.Failed("*",
                        "No region could be listed: " + e.getMessage())), java.util.Map.of());
                out.print(ScanJson.render(none, deckhand.prices().date()));
                out.flush();
            }
            return 2;
        }
        out.print(json ? ScanJson.render(result, deckhand.prices().date()) : ScanTable.render(result, deckhand.prices().date()));
        out.flush();
        BigDecimal limit = BigDecimal.valueOf(deckhand.config().costwatch().failAboveUsd());
        ScanExit exit = ScanExit.of(result, limit);
        exit.message().ifPresent(System.err::println);
        return exit.code();
    }
}
