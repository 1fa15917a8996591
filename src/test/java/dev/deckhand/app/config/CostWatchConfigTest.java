package dev.deckhand.app.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostWatchConfigTest {

    private static DeckhandConfig load(Map<String, String> env) {
        return ConfigLoader.load(Path.of("config/deckhand.yml"), env);
    }

    @Test
    void shippedConfig_hasWeekdayMorningsAndGatesCleanUpWithApproval() {
        DeckhandConfig config = load(Map.of());

        assertThat(config.costwatch().schedule()).isEqualTo("0 9 * * MON-FRI");
        assertThat(config.approvals().actions()).contains("leaks cleanup");
    }

    @Test
    void schedule_whenNotACronExpression_namesTheKey() {
        assertThatThrownBy(() -> load(Map.of("DECKHAND_COSTWATCH_SCHEDULE", "25 * * *")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/deckhand.yml: costwatch.schedule: '25 * * *' is not a valid cron expression: it has 4 "
                        + "fields, needs 5 (minute hour day-of-month month day-of-week, e.g. '0 9 * * MON-FRI')");
    }

    @Test
    void timezone_whenUnknown_namesTheKeyAndExamples() {
        assertThatThrownBy(() -> load(Map.of("DECKHAND_COSTWATCH_TIMEZONE", "Mars/Olympus")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/deckhand.yml: costwatch.timezone: 'Mars/Olympus' is not a time zone; "
                        + "e.g. UTC, Europe/Berlin, Asia/Seoul");
    }

    @Test
    void cacheTtl_whenNegative_isRefused() {
        assertThatThrownBy(() -> load(Map.of("DECKHAND_COSTWATCH_CACHE_TTL_MINUTES", "-1")))
                .hasMessageContaining("costwatch.cacheTtlMinutes: -1 is out of range; allowed 0 (no cache) to 1440");
    }
}
