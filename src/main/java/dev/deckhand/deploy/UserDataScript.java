package dev.deckhand.deploy;

import dev.deckhand.validate.Inputs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first-boot script for {@code ec2 launch --app ...}: installs the runtime, downloads the artifact,
 * runs it as the {@code deckhand-app} systemd service, and optionally puts nginx with a certbot
 * certificate in front ({@code --https nginx --domain ...}, the cheap path without a load balancer).
 *
 * <p>Every value a user typed is validated here (URL: http/https without shell metacharacters; port;
 * domain: RFC 1123) and then single-quoted into shell variables, so nothing they type is ever run.
 * Usage: {@code UserDataScript.builder(AppRuntime.SPRING).artifact(url).port(8080).build()}.
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
        private URI artifact;
        private int port = 8080;
        private Optional<String> nginxDomain = Optional.empty();
        private Optional<String> certbotEmail = Optional.empty();

        private Builder(AppRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime);
        }

        /** Checked with {@link Inputs#url}: http/https only, no shell metacharacters. */
        public Builder artifact(String url) {
            this.artifact = Inputs.url(url);
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
                throw new dev.deckhand.validate.UsageException("An app needs --artifact <url>.",
                        "For example: --artifact https://artifacts.example.com/shop/app-1.4.2.jar");
            }
            List<String> lines = new ArrayList<>();
            lines.add("#!/bin/bash");
            lines.add("# Written by Deckhand: installs the app and runs it as the " + AppRuntime.SERVICE + " service.");
            lines.add("set -euo pipefail");
            lines.add("exec > >(tee -a /var/log/deckhand-app-setup.log) 2>&1");
            lines.add("ARTIFACT_URL=" + Shell.quote(artifact.toString()));
            lines.add("PORT=" + Shell.quote(Integer.toString(port)));
            lines.addAll(runtime.installCommands());
            lines.add("id deckhand-app >/dev/null 2>&1 || useradd --system --home-dir /opt/deckhand-app --shell /sbin/nologin deckhand-app");
            lines.add("mkdir -p /opt/deckhand-app");
            lines.add("curl -fsSL --retry 5 --proto '=https,http' -o /opt/deckhand-app/" + runtime.artifactFile() + " \"$ARTIFACT_URL\"");
            lines.addAll(runtime.unpack());
            lines.add("chown -R deckhand-app:deckhand-app /opt/deckhand-app");
            lines.add("cat > /etc/systemd/system/" + AppRuntime.SERVICE + ".service <<UNIT");
            lines.add("[Unit]");
            lines.add("Description=App deployed by Deckhand");
            lines.add("After=network-online.target");
            lines.add("[Service]");
            lines.add("User=deckhand-app");
            lines.add("Environment=PORT=${PORT}");
            lines.add("ExecStart=" + runtime.execStart());
            lines.add("Restart=always");
            lines.add("[Install]");
            lines.add("WantedBy=multi-user.target");
            lines.add("UNIT");
            lines.add("systemctl daemon-reload");
            lines.add("systemctl enable --now " + AppRuntime.SERVICE);
            nginxDomain.ifPresent(domain -> lines.addAll(nginx(domain)));
            String text = String.join("\n", lines) + "\n";
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw new dev.deckhand.validate.UsageException("The boot script would be larger than EC2's 16 KB limit.",
                        "Use a shorter artifact URL.");
            }
            return new UserDataScript(text);
        }

        private List<String> nginx(String domain) {
            List<String> lines = new ArrayList<>();
            lines.add("DOMAIN=" + Shell.quote(domain));
            lines.add("if command -v dnf >/dev/null 2>&1; then dnf install -y nginx certbot python3-certbot-nginx;");
            lines.add("else DEBIAN_FRONTEND=noninteractive apt-get install -y nginx certbot python3-certbot-nginx; fi");
            lines.add("cat > /etc/nginx/conf.d/deckhand-app.conf <<NGINX");
            lines.add("server {");
            lines.add("    listen 80;");
            lines.add("    server_name ${DOMAIN};");
            lines.add("    location / {");
            lines.add("        proxy_pass http://127.0.0.1:${PORT};");
            lines.add("        proxy_set_header Host \\$host;");
            lines.add("        proxy_set_header X-Forwarded-For \\$proxy_add_x_forwarded_for;");
            lines.add("        proxy_set_header X-Forwarded-Proto \\$scheme;");
            lines.add("    }");
            lines.add("}");
            lines.add("NGINX");
            lines.add("systemctl enable --now nginx");
            lines.add("certbot --nginx --non-interactive --agree-tos --redirect -d \"$DOMAIN\" "
                    + certbotEmail.map(e -> "-m " + Shell.quote(e)).orElse("--register-unsafely-without-email")
                    + " || echo 'certbot failed: point the domain at this instance, then run certbot --nginx again'");
            return lines;
        }

        private static String email(String raw) {
            if (!raw.matches("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}")) {
                throw new dev.deckhand.validate.UsageException("'" + raw + "' is not an email address.",
                        "For example: --email ops@example.com");
            }
            Inputs.domain(raw.substring(raw.indexOf('@') + 1));
            return raw;
        }
    }
}
