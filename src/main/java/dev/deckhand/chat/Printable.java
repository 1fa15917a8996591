package dev.deckhand.chat;

/**
 * Neutralises what a terminal or a chat client would act on instead of showing: ANSI/terminal escape
 * sequences and other control characters (they recolour, move the cursor or retitle a console, and
 * forge lines in a log), and Unicode bidirectional controls (they make {@code gpj.exe} read as
 * {@code exe.jpg}). Each becomes a visible U+FFFD, so nothing is hidden and nothing is acted on.
 * Newlines and tabs stay.
 */
public final class Printable {

    private static final char SHOWN = '\uFFFD';

    private Printable() {
    }

    public static String neutralise(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isHidden(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(SHOWN);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    static boolean isHidden(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) // C0 (ESC, CR, ...), DEL, C1 (CSI ...)
                || c == '\u061C' || c == '\u200E' || c == '\u200F' // bidi marks
                || (c >= '\u202A' && c <= '\u202E') // bidi embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069'); // bidi isolates
    }
}
