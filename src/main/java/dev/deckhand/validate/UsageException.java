package dev.deckhand.validate;

/**
 * Thrown for input the user can fix: a bad argument, a missing value. Its message is shown in chat
 * as is, so it must say what was wrong and what the right form is.
 */
public class UsageException extends RuntimeException {

    private final String hint;

    public UsageException(String problem, String hint) {
        super(problem);
        this.hint = hint;
    }

    public UsageException(String problem) {
        this(problem, "");
    }

    public String hint() {
        return hint;
    }
}
