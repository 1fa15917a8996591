package dev.deckhand.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * The built-in levels, each including the ones below it. Custom roles from config sit on one of
 * these as their base.
 */
public enum Role {
    VIEWER,
    DEPLOYER,
    ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return name().toLowerCase();
    }

    public static Optional<Role> byLabel(String label) {
        return Arrays.stream(values()).filter(r -> r.label().equalsIgnoreCase(label)).findFirst();
    }
}
