package dev.deckhand.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the store lives: a JDBC url ({@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host/db})
 * and, for a server, the credentials. Credentials come only from the environment
 * ({@value #USER_ENV}, {@value #PASSWORD_ENV}), never from the YAML; {@code toString} masks the password.
 */
public record StoreTarget(String url, Optional<String> user, Optional<String> password) {

    public static final String USER_ENV = "DECKHAND_STORE_USER";
    public static final String PASSWORD_ENV = "DECKHAND_STORE_PASSWORD";

    public StoreTarget {
        Dialect.of(url);
    }

    public static StoreTarget sqlite(Path file) {
        return new StoreTarget("jdbc:sqlite:" + file, Optional.empty(), Optional.empty());
    }

    /**
     * @param path the SQLite file ({@code store.path}), used when {@code url} is empty
     * @param url  {@code store.url}; empty or null means SQLite at {@code path}
     */
    public static StoreTarget fromConfig(String path, String url, Map<String, String> env) {
        if (url == null || url.isBlank()) {
            return sqlite(Path.of(path));
        }
        return new StoreTarget(url.strip(), nonBlank(env.get(USER_ENV)), nonBlank(env.get(PASSWORD_ENV)));
    }

    public Dialect dialect() {
        return Dialect.of(url);
    }

    /** The SQLite file; only meaningful for {@link Dialect#SQLITE}. */
    Path sqliteFile() {
        return Path.of(url.substring("jdbc:sqlite:".length()));
    }

    /** The url without anything that looks like an inline password ({@code user:secret@host}, {@code password=}). */
    String safeUrl() {
        return url.replaceAll("//[^/@]*@", "//****@").replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    @Override
    public String toString() {
        return "StoreTarget[url=" + safeUrl() + ", user=" + user.orElse("(not set)")
                + ", password=" + password.map(p -> "****").orElse("(not set)") + "]";
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
