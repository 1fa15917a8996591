package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import dev.deckhand.chat.Reply;

/** Words the answer to input that could not be run: what was wrong, the right form, an example. */
final class UsageReplies {

    private UsageReplies() {
    }

    static Reply invalid(ParseResult.Invalid invalid) {
        Reply.Builder reply = Reply.builder().header("Not understood").body(invalid.problem());
        if (!invalid.suggestion().isEmpty()) {
            reply.line("Did you mean `" + invalid.suggestion() + "`?");
        }
        if (invalid.spec() != null) {
            addUsage(reply, invalid.spec());
        } else {
            reply.context("Type `help` for every command.");
        }
        return reply.build();
    }

    static Reply usage(CommandSpec spec, UsageException e) {
        Reply.Builder reply = Reply.builder().header("Not understood").body(e.getMessage());
        if (!e.hint().isEmpty()) {
            reply.line(e.hint());
        }
        addUsage(reply, spec);
        return reply.build();
    }

    private static void addUsage(Reply.Builder reply, CommandSpec spec) {
        reply.field("Usage", "`" + spec.usage() + "`");
        reply.field("Example", "`" + spec.example() + "`");
    }
}
