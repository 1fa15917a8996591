package dev.deckhand.testing;

import dev.deckhand.store.StoreTarget;

import java.nio.file.Path;

/** The two stores Deckhand runs on; store tests run against each ({@code @EnumSource(StoreBackend.class)}). */
public enum StoreBackend {
    SQLITE {
        @Override
        public StoreTarget fresh(Path tempDir) {
            return StoreTarget.sqlite(tempDir.resolve("deckhand-" + System.nanoTime() + ".db"));
        }
    },
    POSTGRESQL {
        @Override
        public StoreTarget fresh(Path tempDir) {
            return EmbeddedPostgresServer.freshDatabase();
        }
    };

    /** A new, empty store; open it with {@code Database.open(target)} as often as a test needs (restarts). */
    public abstract StoreTarget fresh(Path tempDir);
}
