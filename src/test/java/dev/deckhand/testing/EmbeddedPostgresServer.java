package dev.deckhand.testing;

import dev.deckhand.store.StoreTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL (17, embedded binaries, no Docker) per test JVM, started the first time a test
 * asks for it (about a second) and stopped when the JVM exits. Every {@link #freshDatabase} is a new,
 * empty database on it, so tests never see each other's rows.
 */
public final class EmbeddedPostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the data folder is a temp folder
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** A new empty database; the target carries the credentials the way production does (environment, not url). */
    public static StoreTarget freshDatabase() {
        String name = "deckhand_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new StoreTarget(server().getJdbcUrl("postgres", name), Optional.of("postgres"), Optional.empty());
    }
}
