package dev.deckhand.plan;

import java.util.Objects;

/**
 * Who a resource belongs to, read from its {@code deckhand:owner} tag. That no one owns it, or that
 * the owner could not be read, are values of their own: a guard must handle them, never treat them
 * as "yours".
 */
public sealed interface Owner {

    static Owner of(String tagValue) {
        return tagValue == null || tagValue.isBlank() ? new Nobody() : new User(tagValue);
    }

    /** Whether this is exactly {@code userId}. */
    default boolean is(String userId) {
        return this instanceof User u && u.id().equals(userId);
    }

    /** For people: the user id, "no one", or why it is unknown. */
    String describe();

    record User(String id) implements Owner {
        public User {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String describe() {
            return id;
        }
    }

    /** No {@code deckhand:owner} tag: made outside Deckhand, or before owners were tagged. */
    record Nobody() implements Owner {
        @Override
        public String describe() {
            return "no one (no deckhand:owner tag)";
        }
    }

    /** @param reason why the owner could not be read, e.g. a record set that carries no tags */
    record Unreadable(String reason) implements Owner {
        @Override
        public String describe() {
            return "unknown (" + reason + ")";
        }
    }
}
