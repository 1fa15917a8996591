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
    void spring_isPosixSh_withTheWholeUrlOnlyInsideSingleQuotes() {
        String script = UserDataScript.builder(AppRuntime.SPRING).artifact(JAR).port(9090).build().text();

        assertThat(script).startsWith("#!/bin/sh\n").contains("ARTIFACT_URL='" + JAR + "'\n", "PORT='9090'\n", "set -eu\n")
                .doesNotContain("pipefail", "[[", "<(", ">(", "#!/bin/bash");
        assertThat(script.split(java.util.regex.Pattern.quote(JAR), -1)).hasSize(2);
    }

    @Test
    void plainHttp_isRefusedUnlessAllowed_andTheChecksumMustBeHex() {
        assertThatThrownBy(() -> UserDataScript.builder(AppRuntime.SPRING).artifact("http://artifacts.example.com/app.jar?sig=1"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("'http://artifacts.example.com/app.jar?…' is plain http");
        assertThat(Artifact.parse("http://artifacts.example.com/app.jar", true, Optional.empty()).warning()).isPresent();
        assertThatThrownBy(() -> Artifact.parse(JAR, false, Optional.of("abc")))
                .hasMessage("--sha256 must be the artifact's SHA-256 digest: 64 hex digits.");
        assertThat(Artifact.parse("s3://shop-builds/releases/app-1.4.2.jar", false, Optional.empty()).fileName())
                .isEqualTo("app-1.4.2.jar");
        assertThatThrownBy(() -> Artifact.parse("s3://Bad_Bucket/app.jar", false, Optional.empty()))
                .hasMessageStartingWith("'s3://Bad_Bucket/app.jar' is not an S3 object URL");
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
            "http://example.com/app.jar",
            "s3://bucket/app.jar;reboot",
            "s3://bucket/$(id).jar",
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
