package dev.deckhand.ec2;

import dev.deckhand.deploy.AppRuntime;
import dev.deckhand.deploy.Artifact;

import java.util.Optional;

/**
 * The app {@code ec2 launch --app ...} installs on first boot, validated, with the boot script already
 * built (so a bad URL, domain or an oversized script is refused before anything reaches AWS).
 *
 * @param runtime     spring or express
 * @param artifact    the checked artifact (its URL is shown only masked)
 * @param port        the port the app listens on
 * @param nginxDomain the domain nginx + certbot serve over HTTPS, empty for the direct path
 * @param email       who Let's Encrypt writes to about the certificate (nginx path), empty for nobody
 * @param userData    the first-boot script, raw (the AWS side base64-encodes it)
 */
public record AppSetup(AppRuntime runtime, Artifact artifact, int port, Optional<String> nginxDomain, Optional<String> email,
                       String userData) {

    /** The ports the nginx path needs open: 80 for certbot's HTTP check and the redirect, 443 for HTTPS. */
    public static final java.util.List<Integer> NGINX_PORTS = java.util.List.of(80, 443);

    /** How the plan describes where the app can be reached. */
    public String describe() {
        return runtime.label() + " from " + artifact.shown() + artifact.sha256().map(s -> " (SHA-256 checked)").orElse("")
                + ", listening on " + port
                + nginxDomain.map(d -> " behind nginx at https://" + d).orElse("");
    }
}
