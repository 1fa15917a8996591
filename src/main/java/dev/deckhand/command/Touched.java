package dev.deckhand.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The AWS resources a handler changed, collected while it runs so the audit entry names them even
 * when the handler fails half-way.
 */
public final class Touched {

    private final List<String> ids = Collections.synchronizedList(new ArrayList<>());

    public void add(String resourceId) {
        if (resourceId != null && !resourceId.isBlank() && !ids.contains(resourceId)) {
            ids.add(resourceId);
        }
    }

    public List<String> ids() {
        synchronized (ids) {
            return List.copyOf(ids);
        }
    }
}
