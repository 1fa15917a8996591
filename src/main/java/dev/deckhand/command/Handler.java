package dev.deckhand.command;

import dev.deckhand.chat.Reply;

/** The work behind one command; reached only after the permission checker allowed it. */
@FunctionalInterface
public interface Handler {

    Reply handle(CommandContext context);
}
