package dev.deckhand.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Test
    void oneCommandsSlowCacheDrop_doesNotHoldUpTheNext() throws Exception {
        // Threads of its own: the common pool may have a single thread (two cores), and the first refresh blocks it.
        ExecutorService threads = Executors.newCachedThreadPool();
        try (Database a = Database.open(temp.resolve("d.db")); Database b = Database.open(temp.resolve("d.db"))) {
            SharedChanges replicaA = new SharedChanges(a);
            CountDownLatch firstDropStarted = new CountDownLatch(1);
            CountDownLatch letFirstDropFinish = new CountDownLatch(1);
            AtomicInteger drops = new AtomicInteger();
            replicaA.onForeignChange(() -> {
                if (drops.incrementAndGet() == 1) { // the first command's drop is slow
                    firstDropStarted.countDown();
                    await(letFirstDropFinish);
                }
            });
            new SharedChanges(b).bump();

            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(replicaA::refresh, threads);
            assertThat(firstDropStarted.await(5, TimeUnit.SECONDS)).isTrue();
            // Every command (Slack acks included) refreshes first; it must not queue behind the slow one.
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(replicaA::refresh, threads);

            assertThat(second.get(2, TimeUnit.SECONDS)).as("drops the caches itself, at once").isTrue();
            assertThat(first).isNotDone();
            letFirstDropFinish.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(replicaA.refresh()).as("the change is recorded once dropped").isFalse();
            assertThat(drops).hasValue(2);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
