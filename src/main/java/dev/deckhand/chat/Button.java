package dev.deckhand.chat;

/**
 * A next step offered under a reply. Clicking it sends {@code command} back in as if the clicker had
 * typed it, so it passes the same parser and permission checker; the value grants no authority.
 *
 * @param label   text on the button
 * @param command Deckhand command text to run when clicked, e.g. {@code ec2 start i-0abc --region us-east-1}
 * @param style   emphasis
 */
public record Button(String label, String command, Style style) {

    public enum Style { DEFAULT, PRIMARY, DANGER }

    public static Button of(String label, String command) {
        return new Button(label, command, Style.DEFAULT);
    }

    public static Button primary(String label, String command) {
        return new Button(label, command, Style.PRIMARY);
    }

    public static Button danger(String label, String command) {
        return new Button(label, command, Style.DANGER);
    }
}
