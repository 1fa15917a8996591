package dev.deckhand.approval;

/**
 * Where an approval request stands. Moves only forward, and only by compare-and-set in the store:
 * {@code PENDING -> APPROVED -> RUNNING -> DONE | PARTIAL | FAILED} (PARTIAL: some of it ran, the
 * outcome says what is left); {@code PENDING -> DENIED | EXPIRED |
 * CANCELLED}. {@code INTERRUPTED} marks a request found {@code APPROVED} or {@code RUNNING} when
 * Deckhand starts: its action may or may not have happened, so it is reported and never re-run.
 */
public enum ApprovalState {
    PENDING,
    APPROVED,
    RUNNING,
    DONE,
    PARTIAL,
    FAILED,
    DENIED,
    EXPIRED,
    CANCELLED,
    INTERRUPTED;

    /** True once the request was approved: its action ran, runs, or may have run. */
    public boolean wasApproved() {
        return this == APPROVED || this == RUNNING || this == DONE || this == PARTIAL || this == FAILED || this == INTERRUPTED;
    }

    public String label() {
        return name().toLowerCase();
    }
}
