package dev.deckhand.access;

import java.util.Map;
import java.util.Optional;

/** Roles given in chat with {@code grant}, kept across restarts. */
public interface GrantStore {

    Optional<String> roleOf(String userId);

    void grant(String userId, String role, String grantedBy);

    boolean revoke(String userId);

    /** user id to role name */
    Map<String, String> all();
}
