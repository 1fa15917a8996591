package dev.deckhand.chat;

/**
 * Decides whether a delivery from the chat platform (a slash command by its trigger id, a click) is
 * the first of its kind, so a platform retry, a replay or a double click runs once. In one process an
 * in-memory window does; with replicas the store decides, so a retry landing on another replica runs
 * nothing.
 */
public interface DeliveryGuard {

    /** @return true the first time {@code key} is offered within the guard's window; false for a duplicate */
    boolean firstDelivery(String key);

    /**
     * As {@link #firstDelivery(String)}, remembering {@code key} for at least {@code keep} (longer than the
     * guard's own window, e.g. a signed request's whole timestamp window). Guards with a fixed window that
     * cannot honour a longer one must override this; the default only suits windows at least as long.
     */
    default boolean firstDelivery(String key, java.time.Duration keep) {
        return firstDelivery(key);
    }

    /** Forgets a delivery that was refused without running (Deckhand busy), so the platform's retry may run it. */
    void forget(String key);
}
