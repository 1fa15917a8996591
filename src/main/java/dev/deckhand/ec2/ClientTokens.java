package dev.deckhand.ec2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Idempotency tokens for RunInstances. The same person asking for the same launch in the same
 * channel within one ten-minute window gets the same token, so a Slack retry, a double click or a
 * re-run after a timeout returns the instance already launched instead of a second one. A request
 * that straddles a window boundary can still launch twice; ten minutes keeps that rare while letting
 * a deliberate relaunch (after a terminate) through soon enough.
 */
public final class ClientTokens {

    public static final Duration WINDOW = Duration.ofMinutes(10);

    private ClientTokens() {
    }

    /** Start of the window {@code now} falls in; launch parameters derived from time use it, so a retry sends the same ones. */
    public static Instant windowStart(Instant now) {
        long window = WINDOW.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), window) * window);
    }

    /** At most 64 ASCII characters, as EC2 requires. */
    public static String token(String user, String channel, String canonicalCommand, Instant now) {
        String input = user + "\n" + channel + "\n" + canonicalCommand + "\n" + windowStart(now).getEpochSecond();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return "deckhand-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
