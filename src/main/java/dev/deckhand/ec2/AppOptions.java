package dev.deckhand.ec2;

import dev.deckhand.command.Arguments;
import dev.deckhand.validate.UsageException;
import dev.deckhand.deploy.AppRuntime;
import dev.deckhand.deploy.Artifact;
import dev.deckhand.deploy.UserDataScript;

import java.util.Optional;

/**
 * Reads {@code ec2 launch}'s app flags ({@code --app --artifact --port --https --domain --email}) and builds the
 * first-boot script with {@link UserDataScript}, which validates and single-quotes every value a user
 * typed. Bad combinations are refused here, before any AWS call.
 */
final class AppOptions {

    static final int DEFAULT_PORT = 8080;
    private static final String EXAMPLE = "For example: ec2 launch shop --app spring "
            + "--artifact https://artifacts.example.com/shop/app-1.4.2.jar --port 8080";

    private AppOptions() {
    }

    static Optional<AppSetup> parse(Arguments args) {
        Optional<String> app = args.flag("app");
        if (app.isEmpty()) {
            for (String flag : new String[] {"artifact", "port", "https", "domain", "email", "sha256", "allow-http"}) {
                if (args.has(flag)) {
                    throw new UsageException("--" + flag + " only goes with --app: it says how the app is installed.",
                            EXAMPLE);
                }
            }
            return Optional.empty();
        }
        AppRuntime runtime = AppRuntime.parse(app.get());
        String raw = args.flag("artifact").orElseThrow(() -> new UsageException(
                "--app " + runtime.label() + " needs --artifact <url>: where the instance downloads the app from.",
                EXAMPLE));
        Artifact artifact = Artifact.parse(raw, args.has("allow-http"), args.flag("sha256"));
        int port = args.flag("port").map(AppOptions::port).orElse(DEFAULT_PORT);
        UserDataScript.Builder script = UserDataScript.builder(runtime).artifact(artifact).port(port);
        Optional<String> domain = https(args);
        Optional<String> email = args.flag("email");
        domain.ifPresent(d -> script.httpsWithNginx(d, email));
        String text = script.build().text();
        return Optional.of(new AppSetup(runtime, artifact, port, domain.map(dev.deckhand.validate.Inputs::domain), email, text));
    }

    private static Optional<String> https(Arguments args) {
        Optional<String> https = args.flag("https");
        if (https.isEmpty()) {
            for (String flag : new String[] {"domain", "email"}) {
                if (args.has(flag)) {
                    throw new UsageException("--" + flag + " only goes with --https nginx (the certificate certbot gets).",
                            "For example: --https nginx --domain shop.example.com --email ops@example.com");
                }
            }
            return Optional.empty();
        }
        if (!https.get().equalsIgnoreCase("nginx")) {
            throw new UsageException("--https takes nginx, not '" + https.get() + "'. For a load balancer, launch "
                    + "without --https and then run `elb create <name> --instance <name> --domain <fqdn>`.",
                    "For example: --https nginx --domain shop.example.com");
        }
        return Optional.of(args.flag("domain").orElseThrow(() -> new UsageException(
                "--https nginx needs --domain <fqdn>: the name certbot gets a certificate for.",
                "For example: --https nginx --domain shop.example.com")));
    }

    private static int port(String raw) {
        if (raw.matches("\\d{1,5}")) {
            int port = Integer.parseInt(raw);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new UsageException("--port must be the TCP port the app listens on, 1-65535, not '" + raw + "'.",
                "For example: --port 8080");
    }
}
