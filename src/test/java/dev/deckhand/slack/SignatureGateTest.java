package dev.deckhand.slack;

import com.slack.api.app_backend.SlackSignature;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureGateTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String SECRET = "test-signing-secret-for-signature-gate";
    private static final String BODY = "token=x&team_id=T1&command=%2Fdeckhand&text=ec2+list&trigger_id=1.2.abc";

    private final SignatureGate gate = new SignatureGate(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final SlackSignature.Generator slack = new SlackSignature.Generator(SECRET);

    private String check(long offsetSeconds, String body, String signedBody) {
        String ts = String.valueOf(NOW.getEpochSecond() + offsetSeconds);
        return gate.rejection(ts, slack.generate(ts, signedBody), body.getBytes(StandardCharsets.UTF_8)).orElse("passed");
    }

    @Test
    void signature_fromSlacksOwnGenerator_passes() {
        assertThat(check(0, BODY, BODY)).isEqualTo("passed");
    }

    @Test
    void signature_overAnotherBody_isRefused() {
        assertThat(check(0, BODY, BODY.replace("list", "terminate"))).isEqualTo("signature does not match");
    }

    @Test
    void timestamp_fiveMinutesAway_onEitherSide_passes_andOneSecondMore_isRefused() {
        assertThat(check(-300, BODY, BODY)).isEqualTo("passed");
        assertThat(check(300, BODY, BODY)).isEqualTo("passed");
        assertThat(check(-301, BODY, BODY)).isEqualTo("timestamp " + (NOW.getEpochSecond() - 301) + " is 301 s away from now");
        assertThat(check(301, BODY, BODY)).isEqualTo("timestamp " + (NOW.getEpochSecond() + 301) + " is 301 s away from now");
    }

    @Test
    void missingHeaders_orGarbageTimestamp_areRefused() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(gate.rejection(null, "v0=abc", body)).contains("missing X-Slack-Request-Timestamp");
        assertThat(gate.rejection("1764072000", null, body)).contains("missing X-Slack-Signature");
        assertThat(gate.rejection("soon", "v0=abc", body)).contains("timestamp is not a number");
    }

    @Test
    void rawBytes_areSigned_notARecodedString() {
        String text = "token=x&text=caf%C3%A9+\n+line";
        assertThat(check(0, text, text)).isEqualTo("passed");
        assertThat(gate.sign("1", "a".getBytes(StandardCharsets.UTF_8))).isEqualTo(slack.generate("1", "a"));
    }
}
