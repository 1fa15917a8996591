package dev.deckhand.access;

import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandSpec;

/** The question the router asks before any handler runs. {@link PermissionChecker} answers it from roles and limits. */
@FunctionalInterface
public interface Authorizer {

    Decision check(String userId, String channelId, CommandSpec spec, Arguments args, String region);
}
