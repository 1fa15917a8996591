package dev.deckhand.command;

/**
 * A failure outside the user's input (AWS refused, a resource is missing) whose message already
 * says what to do. Shown in chat verbatim; anything else is logged and replaced by a short notice.
 */
public class UserFacingException extends RuntimeException {

    public UserFacingException(String message) {
        super(message);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
