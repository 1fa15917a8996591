package dev.deckhand.command;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Plan ids for direct runs: random, so that a new request always creates anew. A retried delivery
 * is stopped before it plans (the adapters remember deliveries); an approved run uses the approval's
 * id, so re-applying an approval re-sends the same idempotency tokens.
 */
public final class PlanIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PlanIds() {
    }

    public static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "p-" + HexFormat.of().formatHex(bytes);
    }
}
