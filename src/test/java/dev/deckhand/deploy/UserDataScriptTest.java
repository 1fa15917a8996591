package dev.deckhand.deploy;

import dev.deckhand.validate.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserDataScriptTest {

    static final String JAR = "https://artifacts.example.com/shop/app-1.4.2.jar?X-Amz-Signature=ab12&v=2";

    @Test
    void spring_installsJavaDownloadsTheJarAndRunsTheService() {
        String script = UserDataScript.builder(AppRuntime.SPRING).artifact(JAR).port(9090).build().text();

        assertThat(script).startsWith("#!/bin/bash\n").contains(
                "ARTIFACT_URL='" + JAR + "'\n",
                "PORT='9090'\n",
                "dnf install -y java-17-amazon-corretto-headless",
                "curl -fsSL --retry 5 --proto '=https,http' -o /opt/deckhand-app/app.jar \"$ARTIFACT_URL\"\n",
                "ExecStart=/usr/bin/java -jar /opt/deckhand-app/app.jar --server.port=${PORT}\n",
                "systemctl enable --now deckhand-app\n");
        // The URL only ever appears inside single quotes.
        assertThat(script.split(java.util.regex.Pattern.quote(JAR), -1)).hasSize(2);
    }

    @Test
    void express_withNginx_proxiesToTheAppAndAsksCertbotForTheDomain() {
        String script = UserDataScript.builder(AppRuntime.EXPRESS).artifact("https://example.com/shop-1.0.0.tgz")
                .httpsWithNginx("Shop.Example.com", Optional.of("ops@example.com")).build().text();

        assertThat(script).contains("tar -xzf /opt/deckhand-app/app.tgz", "DOMAIN='shop.example.com'\n",
                "proxy_pass http://127.0.0.1:${PORT};", "proxy_set_header Host \\$host;",
                "certbot --nginx --non-interactive --agree-tos --redirect -d \"$DOMAIN\" -m 'ops@example.com'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://example.com/app.jar;reboot",
            "https://example.com/$(whoami).jar",
            "https://example.com/`id`.jar",
            "https://example.com/app.jar && rm -rf /",
            "https://example.com/app.jar&reboot",
            "https://example.com/app'.jar",
            "https://example.com/app\".jar",
            "https://example.com/a|b.jar",
            "https://example.com/a>b.jar",
            "https://example.com/a\\b.jar",
            "https://example.com/${IFS}.jar",
            "file:///etc/passwd",
            "ftp://example.com/app.jar",
            "example.com/app.jar",
            "https:///app.jar",
            "https://user:secret@example.com/app.jar"})
    void artifact_withShellMetacharactersOrOtherSchemes_isRefused(String url) {
        assertThatThrownBy(() -> UserDataScript.builder(AppRuntime.SPRING).artifact(url))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void artifact_refusal_saysWhatWasWrongAndTheRightForm() {
        assertThatThrownBy(() -> UserDataScript.builder(AppRuntime.SPRING).artifact("https://example.com/a.jar;reboot"))
                .hasMessage("The URL 'https://example.com/a.jar;reboot' contains characters Deckhand does not pass to a "
                        + "shell (spaces, quotes, ; | $ ` < > ( ) { } \\ ! *, and & outside the query).")
                .extracting(e -> ((UsageException) e).hint())
                .isEqualTo("Use an https (or http) address without spaces or quotes, e.g. "
                        + "https://artifacts.example.com/shop/app-1.4.2.jar.");
        assertThatThrownBy(() -> UserDataScript.builder(AppRuntime.SPRING).artifact("ftp://example.com/a.jar"))
                .hasMessage("The URL 'ftp://example.com/a.jar' must start with https:// or http://, not ftp://.");
    }

    @Test
    void badPortDomainOrEmail_andMissingArtifact_areRefused() {
        assertThatThrownBy(() -> UserDataScript.builder(AppRuntime.SPRING).port("8080; reboot")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> UserDataScript.builder(AppRuntime.SPRING).httpsWithNginx("a.example.com;id", Optional.empty()))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> UserDataScript.builder(AppRuntime.SPRING).httpsWithNginx("a.example.com", Optional.of("x@y.com;id")))
                .hasMessage("'x@y.com;id' is not an email address.");
        assertThatThrownBy(() -> UserDataScript.builder(AppRuntime.SPRING).build()).hasMessage("An app needs --artifact <url>.");
        assertThatThrownBy(() -> AppRuntime.parse("django")).hasMessage("'django' is not an app kind Deckhand can run.");
    }

    @Test
    void shellQuote_keepsQuotesLiteral() {
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
        assertThatThrownBy(() -> Shell.quote("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }
}
