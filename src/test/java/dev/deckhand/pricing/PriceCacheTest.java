package dev.deckhand.pricing;

import dev.deckhand.store.Database;
import dev.deckhand.testing.StoreBackend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class PriceCacheTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void twoReplicasStoringOnePriceAtOnce_bothSucceed_andOneRowHoldsTheLatest(StoreBackend backend) throws Exception {
        var target = backend.fresh(temp);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (Database a = Database.open(target); Database b = Database.open(target)) {
            List<CompletableFuture<Void>> puts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                PriceCache cache = new PriceCache(i % 2 == 0 ? a : b);
                puts.add(CompletableFuture.runAsync(() -> cache.put("eu-north-1", "m5.large", new BigDecimal("0.102"), AT), threads));
            }
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
            new PriceCache(a).put("eu-north-1", "m5.large", new BigDecimal("0.104"), AT.plusSeconds(60));

            assertThat(new PriceCache(b).find("eu-north-1", "m5.large")).hasValueSatisfying(c -> {
                assertThat(c.usdPerHour()).isEqualByComparingTo("0.104");
                assertThat(c.asOf()).isEqualTo(AT.plusSeconds(60));
            });
        } finally {
            threads.shutdownNow();
        }
    }
}
