package dev.deckhand.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Read-only work ({@link Database#query}) beside the writer. */
class DatabaseQueryTest {

    @TempDir
    Path temp;

    @Test
    void aQuery_isAnsweredWhileAWriteHoldsTheStore_andSeesWhatWasCommittedBeforeIt() throws Exception {
        // Threads of its own: the common pool may have a single thread (two cores), and the write blocks it.
        ExecutorService threads = Executors.newCachedThreadPool();
        try (Database db = Database.open(temp.resolve("d.db"))) {
            ChannelSettings settings = new ChannelSettings(db);
            settings.setRegion("C1", "eu-west-1");
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<Void> slowWrite = CompletableFuture.runAsync(() -> db.transaction(c -> {
                c.createStatement().executeUpdate("UPDATE channel_settings SET region = 'us-east-2' WHERE channel_id = 'C1'");
                writing.countDown();
                try {
                    finish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }), threads);
            assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            Optional<String> region = CompletableFuture.supplyAsync(() -> settings.region("C1"), threads).get(5, TimeUnit.SECONDS);

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("did not wait for the write").isLessThan(2_000);
            assertThat(region).as("the write was not committed yet").contains("eu-west-1");
            finish.countDown();
            slowWrite.get(5, TimeUnit.SECONDS);
            assertThat(settings.region("C1")).as("a query after the commit sees it").contains("us-east-2");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aQuery_cannotWrite() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            assertThatThrownBy(() -> db.query(c -> c.createStatement().executeUpdate(
                    "INSERT INTO channel_settings(channel_id, region) VALUES ('C9', 'eu-west-1')")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("readonly");
            assertThat(new ChannelSettings(db).region("C9")).isEmpty();
        }
    }
}
