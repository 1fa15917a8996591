package dev.deckhand.pricing;

import dev.deckhand.store.Database;
import dev.deckhand.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which price LivePrices gives, and when it asks the lookup: the table's own row, the API, or unknown (issue 14). */
class LivePricesTest {

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final PriceTable table = PriceTable.load(Path.of("config/prices.yml"));
    private final List<String> asked = new ArrayList<>();
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(temp.resolve("d.db"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private LivePrices prices(Optional<BigDecimal> answer) {
        return new LivePrices(table, (region, type) -> {
            asked.add(region + "/" + type);
            return answer;
        }, new PriceCache(db), clock);
    }

    @Test
    void theTablesOwnRowForTheRegion_isUsedWithoutAsking() {
        assertThat(prices(Optional.empty()).instance("eu-west-1", "m5.large"))
                .hasValueSatisfying(e -> {
                    assertThat(e.monthlyUsd()).isEqualByComparingTo("78.11");
                    assertThat(e.note()).isEmpty();
                });
        assertThat(asked).isEmpty();
    }

    @Test
    void aRegionTheTableLacks_withTheApiUnable_isUnknown_notUsEast1sPrice() {
        // The table has m5.large in us-east-1 ($70.08), which once stood in here with a note.
        assertThat(table.instance("eu-north-1", "m5.large")).isPresent();

        assertThat(prices(Optional.empty()).instance("eu-north-1", "m5.large")).isEmpty();
        assertThat(asked).containsExactly("eu-north-1/m5.large");
    }

    @Test
    void aTypeTheRegionsRowLacks_withTheApiUnable_isUnknown() {
        // eu-west-1 has a row, but no t3.large in it; us-east-1 has one.
        assertThat(prices(Optional.empty()).instance("eu-west-1", "t3.large")).isEmpty();
        assertThat(asked).containsExactly("eu-west-1/t3.large");
    }

    @Test
    void aRegionTheTableLacks_isPricedByTheApi_withItsDate() {
        assertThat(prices(Optional.of(new BigDecimal("0.102"))).instance("eu-north-1", "m5.large"))
                .hasValueSatisfying(e -> {
                    assertThat(e.monthlyUsd()).isEqualByComparingTo("74.46");
                    assertThat(e.note()).isEqualTo("Price List API price of 2026-11-25");
                });
    }
}
