package dev.deckhand.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags everything Deckhand creates carries: {@code Name}, {@code deckhand:stack} (what teardown
 * finds it by) and {@code deckhand:owner} (the chat user who asked).
 */
public record StackTags(String name, String stack, String owner) {

    public static final String NAME = "Name";
    public static final String STACK = "deckhand:stack";
    public static final String OWNER = "deckhand:owner";

    public Map<String, String> asMap() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(NAME, name);
        tags.put(STACK, stack);
        tags.put(OWNER, owner);
        return tags;
    }
}
