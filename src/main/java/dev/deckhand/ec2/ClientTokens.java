package dev.deckhand.ec2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Idempotency tokens for RunInstances, derived from the plan id: one per delivery or approval. A
 * retried delivery of the same request, or the same approval applied again, sends the same token and
 * gets the instance already launched; two separate requests, however alike and however close in
 * time, get two tokens (a deliberate relaunch is never mistaken for a retry).
 */
public final class ClientTokens {

    private ClientTokens() {
    }

    /** At most 64 ASCII characters, as EC2 requires. */
    public static String token(String planId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("launch\n" + planId).getBytes(StandardCharsets.UTF_8));
            return "deckhand-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
