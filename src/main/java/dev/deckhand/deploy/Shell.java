package dev.deckhand.deploy;

/** Quoting for the few values Deckhand puts into shell scripts (all of them validated first as well). */
public final class Shell {

    private Shell() {
    }

    /** A single-quoted shell word: nothing inside is expanded; a quote becomes {@code '\''}. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Control characters cannot go into a script");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
