package dev.deckhand.ec2;

import dev.deckhand.command.Arguments;
import dev.deckhand.validate.UsageException;
import dev.deckhand.deploy.AppRuntime;
import dev.deckhand.deploy.Artifact;
import dev.deckhand.deploy.UserDataScript;

import java.util.LinkedHashMap;
import java.util.Map;
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

    private static final String NGINX_EXAMPLE = "For example: ec2 launch shop --app spring "
            + "--artifact https://artifacts.example.com/shop/app-1.4.2.jar --https nginx --domain shop.example.com "
            + "--email ops@example.com";

    /** Each app flag, in the order they are checked, with what it means: why it has no sense without an app. */
    private static final Map<String, String> WITHOUT_APP = orderedMap(
            "artifact", "it says how the app is installed",
            "port", "it is the port the app listens on",
            "https", "it puts nginx in front of the app",
            "domain", "it is the name nginx gets the app's certificate for (with --https nginx)",
            "email", "it is where Let's Encrypt sends the expiry notices of the app's certificate (with --https nginx)",
            "sha256", "it is the checksum of the app's --artifact",
            "allow-http", "it lets the app's --artifact be fetched over plain http://");

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private AppOptions() {
    }

    static Optional<AppSetup> parse(Arguments args) {
        Optional<String> app = args.flag("app");
        if (app.isEmpty()) {
            for (Map.Entry<String, String> flag : WITHOUT_APP.entrySet()) {
                if (args.has(flag.getKey())) {
                    throw new UsageException("--" + flag.getKey() + " only goes with --app: " + flag.getValue() + ".",
                            flag.getKey().equals("domain") || flag.getKey().equals("email") || flag.getKey().equals("https")
                                    ? NGINX_EXAMPLE : EXAMPLE);
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
