package dev.deckhand.access;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Grants kept in a map, for checker tests that do not need SQLite. */
public final class InMemoryGrants implements GrantStore {

    private final Map<String, String> grants = new ConcurrentHashMap<>();

    @Override
    public Optional<String> roleOf(String userId) {
        return Optional.ofNullable(grants.get(userId));
    }

    @Override
    public void grant(String userId, String role, String grantedBy) {
        grants.put(userId, role);
    }

    @Override
    public boolean revoke(String userId) {
        return grants.remove(userId) != null;
    }

    @Override
    public Map<String, String> all() {
        return Map.copyOf(grants);
    }
}
