package dev.deckhand.store;

/** The database could not do what was asked; the message names the file or the statement's problem. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
