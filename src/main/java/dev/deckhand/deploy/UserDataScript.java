package dev.deckhand.deploy;

import dev.deckhand.validate.Inputs;
import dev.deckhand.validate.UsageException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first-boot script for {@code ec2 launch --app ...}, POSIX sh for Amazon Linux 2023 and Ubuntu LTS
 * (the OS is read from /etc/os-release on boot): installs the runtime, downloads and checks the artifact,
 * runs it as the {@code deckhand-app} systemd service on the chosen port, and optionally puts nginx with a
 * certbot certificate in front ({@code --https nginx --domain ...}, the cheap path without a load balancer).
 *
 * <p>Every value a user typed is validated first ({@link Artifact}, port, domain, email) and then
 * single-quoted into shell variables, so nothing they type is ever run.
 * Usage: {@code UserDataScript.builder(AppRuntime.SPRING).artifact(artifact).port(8080).build()}.
 */
public final class UserDataScript {

    /** EC2's limit on raw user data. */
    public static final int MAX_BYTES = 16 * 1024;

    private final String script;

    private UserDataScript(String script) {
        this.script = script;
    }

    public static Builder builder(AppRuntime runtime) {
        return new Builder(runtime);
    }

    /** The script text (EC2 wants it base64-encoded; the SDK's RunInstances takes the encoded form). */
    public String text() {
        return script;
    }

    public static final class Builder {
        private final AppRuntime runtime;
        private Artifact artifact;
        private int port = 8080;
        private Optional<String> nginxDomain = Optional.empty();
        private Optional<String> certbotEmail = Optional.empty();

        private Builder(AppRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime);
        }

        /** An https or s3 URL, checked by {@link Artifact#parse} (no plain http, no checksum). */
        public Builder artifact(String url) {
            return artifact(Artifact.parse(url, false, Optional.empty()));
        }

        public Builder artifact(Artifact artifact) {
            this.artifact = Objects.requireNonNull(artifact);
            return this;
        }

        public Builder port(String raw) {
            this.port = Inputs.port(raw);
            return this;
        }

        public Builder port(int port) {
            return port(Integer.toString(port));
        }

        /** nginx on 80/443 as a reverse proxy to the app, with a Let's Encrypt certificate for {@code domain}. */
        public Builder httpsWithNginx(String domain, Optional<String> email) {
            this.nginxDomain = Optional.of(Inputs.domain(domain));
            this.certbotEmail = email.map(Builder::email);
            return this;
        }

        public UserDataScript build() {
            if (artifact == null) {
                throw new UsageException("An app needs --artifact <url>.", Artifact.EXAMPLE);
            }
            List<String> lines = new ArrayList<>();
            lines.add("#!/bin/sh");
            lines.add("# Written by Deckhand: installs the app and runs it as the " + AppRuntime.SERVICE + " service.");
            lines.add("# POSIX sh; cloud-init keeps its output in /var/log/cloud-init-output.log.");
            lines.addAll(ScriptLibrary.values(runtime, artifact, Optional.of(port)));
            nginxDomain.ifPresent(d -> lines.add("DOMAIN=" + Shell.quote(d)));
            certbotEmail.ifPresent(e -> lines.add("EMAIL=" + Shell.quote(e)));
            lines.addAll(ScriptLibrary.common(runtime));
            lines.add("detect_os");
            lines.add("install_runtime");
            lines.add("resolve_exec");
            lines.add("id " + AppRuntime.SERVICE + " >/dev/null 2>&1 || useradd --system --home-dir \"$APP_DIR\" "
                    + "--shell /sbin/nologin " + AppRuntime.SERVICE);
            lines.add("mkdir -p \"$R$APP_DIR\"");
            lines.add("fetch \"$R$APP_DIR/$ARTIFACT_FILE\"");
            lines.add("place");
            lines.add("printf '%s\\n' \"$APP_KIND\" > \"$R$APP_DIR/kind\"");
            lines.add("printf '%s\\n' \"$ARTIFACT_NAME\" > \"$R$APP_DIR/VERSION\"");
            lines.add("chown -R " + AppRuntime.SERVICE + ":" + AppRuntime.SERVICE + " \"$R$APP_DIR\"");
            lines.add("write_unit");
            lines.add("systemctl daemon-reload");
            lines.add("step \"starting " + AppRuntime.SERVICE + " on port $PORT\"");
            lines.add("systemctl enable --now " + AppRuntime.SERVICE);
            if (nginxDomain.isPresent()) {
                lines.addAll(NGINX.lines().toList());
                lines.add("if certbot --nginx --non-interactive --agree-tos --redirect -d \"$DOMAIN\" "
                        + (certbotEmail.isPresent() ? "-m \"$EMAIL\"" : "--register-unsafely-without-email") + "; then");
                lines.add("  step \"certificate for $DOMAIN installed\"");
                lines.add("else");
                // Not fatal: the usual cause is DNS not pointing here yet; the app is up on http meanwhile.
                lines.add("  step \"certbot failed: point $DOMAIN at this instance, then run: sudo certbot --nginx -d $DOMAIN\"");
                lines.add("fi");
            }
            lines.add("step \"" + AppRuntime.SERVICE + " set up: $ARTIFACT_NAME on port $PORT\"");
            String text = String.join("\n", lines) + "\n";
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw new UsageException("The boot script would be larger than EC2's 16 KB limit.", "Use a shorter artifact URL.");
            }
            return new UserDataScript(text);
        }

        /** nginx in front of the app: the same config on both OSes (both read conf.d/*.conf). */
        private static final String NGINX = """
                step "installing nginx and certbot"
                pkg_install nginx certbot python3-certbot-nginx
                mkdir -p "$R/etc/nginx/conf.d"
                cat > "$R$NGINX_CONF" <<NGINX_FILE
                server {
                    listen 80;
                    server_name $DOMAIN;
                    location / {
                        proxy_pass http://127.0.0.1:$PORT;
                        proxy_set_header Host \\$host;
                        proxy_set_header X-Forwarded-For \\$proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto \\$scheme;
                    }
                }
                NGINX_FILE
                nginx -t
                systemctl enable nginx
                systemctl restart nginx
                """;

        private static String email(String raw) {
            if (!raw.matches("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}")) {
                throw new UsageException("'" + raw + "' is not an email address.", "For example: --email ops@example.com");
            }
            Inputs.domain(raw.substring(raw.indexOf('@') + 1));
            return raw;
        }
    }
}
