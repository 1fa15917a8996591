package dev.deckhand.console;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandRouter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * A terminal prompt in front of the same router Slack uses. Type what you would type after
 * {@code /deckhand}. {@code as <user>} switches identity (to try roles and approvals alone),
 * {@code in <channel>} switches channel, {@code exit} leaves.
 */
public final class Console {

    private final CommandRouter router;
    private final Function<String, String> regionOf;
    private final BufferedReader in;
    private final PrintWriter out;
    private String user;
    private String channel;

    public Console(CommandRouter router, Function<String, String> regionOf, String user, String channel,
                   BufferedReader in, PrintWriter out) {
        this.router = router;
        this.regionOf = regionOf;
        this.user = user;
        this.channel = channel;
        this.in = in;
        this.out = out;
    }

    public void run() throws IOException {
        out.println("Deckhand console (no Slack tokens set). You are " + user + " in #" + channel
                + ", region " + regionOf.apply(channel) + ".");
        out.println("Type `help` for commands, `as <user>` to act as someone else, `in <channel>` to switch channel, `exit` to leave.");
        while (true) {
            out.print(dev.deckhand.chat.Printable.neutralise(prompt()));
            out.flush();
            String line = in.readLine();
            if (line == null) {
                out.println();
                break;
            }
            if (!handleLine(line.strip())) {
                break;
            }
        }
        out.flush();
    }

    /** @return false when the user asked to leave */
    boolean handleLine(String line) {
        if (line.isEmpty()) {
            return true;
        }
        if (line.equals("exit") || line.equals("quit")) {
            out.println("Bye.");
            return false;
        }
        String[] words = line.split("\\s+");
        if (words[0].equals("as") || words[0].equals("in")) {
            if (words.length != 2) {
                out.println("Usage: `" + words[0] + " <" + (words[0].equals("as") ? "user" : "channel") + ">`, e.g. `"
                        + words[0] + " " + (words[0].equals("as") ? "U024BE7LH" : "C0DEPLOY") + "`");
                return true;
            }
            if (words[0].equals("as")) {
                user = words[1];
                out.println(dev.deckhand.chat.Printable.neutralise("You are now " + user + "."));
            } else {
                channel = words[1];
                out.println(dev.deckhand.chat.Printable.neutralise("You are now in #" + channel + " (region "
                        + regionOf.apply(channel) + ")."));
            }
            return true;
        }
        String text = line.startsWith("/deckhand ") ? line.substring("/deckhand ".length()) : line;
        Reply reply = router.dispatch(new CommandRequest(user, channel, text, CommandRequest.Origin.CONSOLE),
                step -> {
                    out.println(dev.deckhand.chat.Printable.neutralise("... " + step));
                    out.flush();
                });
        out.println(dev.deckhand.chat.Printable.neutralise(reply.plainText()));
        if (reply.isInChannel()) {
            out.println("  (posted in #" + channel + ")");
        }
        out.flush();
        return true;
    }

    private String prompt() {
        return "deckhand " + user + "@" + channel + "> ";
    }
}
