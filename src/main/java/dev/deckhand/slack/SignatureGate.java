package dev.deckhand.slack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decides whether an HTTP request really comes from Slack, before anything parses it: both headers
 * present, the timestamp within five minutes of now <em>in either direction</em>, and
 * {@code X-Slack-Signature} equal to {@code v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body))}
 * computed over the raw body bytes exactly as received.
 *
 * <p>Why not only Bolt's {@code RequestVerification}: it accepts timestamps in the future (a captured
 * request could be replayed for as long as the attacker chose), it reads the system clock (so it cannot
 * be tested with a fixed {@link Clock}), and it compares signatures with {@code String.equals}. This gate
 * uses the injected clock and a constant-time comparison; Bolt's own check is switched off for HTTP.
 */
final class SignatureGate {

    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    static final String SIGNATURE_HEADER = "X-Slack-Signature";
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final SecretKeySpec key;
    private final Clock clock;

    SignatureGate(String signingSecret, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("HTTP mode needs SLACK_SIGNING_SECRET");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    /**
     * The part of the check that needs no body: both headers present and the timestamp within the window.
     * Run before the body is read, so an unsigned or stale request costs no read and no worker.
     *
     * @return why the request is refused (for the log), or empty when its headers pass
     */
    Optional<String> headerRejection(String timestamp, String signature) {
        if (timestamp == null || signature == null) {
            return Optional.of("missing " + (timestamp == null ? TIMESTAMP_HEADER : SIGNATURE_HEADER));
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of("timestamp is not a number");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > MAX_SKEW.toSeconds()) {
            return Optional.of("timestamp " + seconds + " is " + skew + " s away from now");
        }
        return Optional.empty();
    }

    /** @return why the request is refused (for the log; never shown to the caller), or empty when it passes */
    Optional<String> rejection(String timestamp, String signature, byte[] rawBody) {
        Optional<String> headers = headerRejection(timestamp, signature);
        if (headers.isPresent()) {
            return headers;
        }
        byte[] expected = sign(timestamp.strip(), rawBody).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("signature does not match");
        }
        return Optional.empty();
    }

    String sign(String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
