package dev.deckhand.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas on one store file: each drops its caches after the other's change, never after its own. */
class SharedChangesTest {

    @TempDir
    Path temp;

    @Test
    void aForeignChange_dropsTheCaches_once_andAnOwnChangeDoesNot() {
        try (Database a = Database.open(temp.resolve("d.db")); Database b = Database.open(temp.resolve("d.db"))) {
            SharedChanges replicaA = new SharedChanges(a);
            SharedChanges replicaB = new SharedChanges(b);
            AtomicInteger droppedA = new AtomicInteger();
            AtomicInteger droppedB = new AtomicInteger();
            replicaA.onForeignChange(droppedA::incrementAndGet);
            replicaB.onForeignChange(droppedB::incrementAndGet);

            assertThat(replicaA.refresh()).isFalse();
            replicaB.bump();

            assertThat(replicaA.refresh()).isTrue();
            assertThat(replicaA.refresh()).isFalse();
            assertThat(replicaB.refresh()).isFalse();
            assertThat(droppedA).hasValue(1);
            assertThat(droppedB).hasValue(0);

            replicaA.bump();
            replicaA.bump();
            assertThat(replicaB.refresh()).isTrue();
            assertThat(droppedB).hasValue(1);
            assertThat(droppedA).hasValue(1);
        }
    }
}
