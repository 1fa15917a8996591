package dev.deckhand.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roles as configured: the role definitions by name, users and channels mapped to roles, and the
 * role of anyone not named.
 */
public record AccessPolicy(Map<String, RoleDefinition> roles, Map<String, String> users,
                           Map<String, String> channels, String defaultRole) {

    public AccessPolicy {
        roles = Map.copyOf(roles);
        users = Map.copyOf(users);
        channels = Map.copyOf(channels);
        if (!roles.containsKey(defaultRole)) {
            throw new IllegalArgumentException("default role '" + defaultRole + "' is not defined");
        }
    }

    public Optional<RoleDefinition> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    public List<String> roleNames() {
        return roles.keySet().stream().sorted().toList();
    }
}
