package dev.deckhand.app;

import dev.deckhand.app.config.ConfigException;
import dev.deckhand.app.config.ConfigLoader;
import dev.deckhand.app.config.DeckhandConfig;
import dev.deckhand.app.config.Secrets;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.console.Console;
import dev.deckhand.console.ConsoleChatPort;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line: picks a mode, loads and checks config, starts Deckhand. */
public final class Main {

    static final String USAGE = """
            Usage: java -jar target/deckhand.jar [mode] [--config <file>]

            Modes:
              (none)     Slack when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN
                         (Socket Mode) are set; otherwise the console
              console    a terminal prompt: type what you would type after /deckhand in Slack
              slack      the Slack adapter (fails when the tokens are missing)
              --help     this text

            Options:
              --config <file>   configuration file (default config/deckhand.yml)

            Environment:
              SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN   Slack secrets (never in the YAML)
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
        if (!List.of("auto", "console", "slack").contains(mode) || args.size() > 1) {
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
        Secrets secrets = Secrets.fromEnvironment(env);
        Optional<URI> endpoint = Optional.ofNullable(config.aws().endpoint()).filter(s -> !s.isBlank()).map(URI::create);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        try (AwsClients aws = new AwsClients(AwsClients.Settings.defaults(endpoint, config.aws().maxAttempts()));
             Deckhand deckhand = Deckhand.create(config, aws, Clock.systemUTC(), new ConsoleChatPort(out))) {
            if (mode.equals("slack") || mode.equals("auto") && secrets.hasSlack()) {
                if (!secrets.hasSlack()) {
                    System.err.println("Slack mode needs SLACK_BOT_TOKEN plus SLACK_SIGNING_SECRET (HTTP) or "
                            + "SLACK_APP_TOKEN (Socket Mode). Got: " + secrets);
                    return 2;
                }
                System.err.println("The Slack adapter is not built yet; use the console mode.");
                return 2;
            }
            new Console(deckhand.router(), deckhand::regionOf, config.console().user(), config.console().channel(),
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    out).run();
            return 0;
        }
    }
}
