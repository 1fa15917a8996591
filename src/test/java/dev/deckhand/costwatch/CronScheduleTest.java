package dev.deckhand.costwatch;

import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {

    private static boolean at(String cron, String time) {
        return CronSchedule.parse(cron).matches(ZonedDateTime.parse(time));
    }

    @Test
    void weekdaysAtNine_matchesMondayToFridayAtNineOnly() {
        assertThat(at("0 9 * * MON-FRI", "2026-11-23T09:00:00Z")).isTrue();   // Monday
        assertThat(at("0 9 * * MON-FRI", "2026-11-27T09:00:59Z")).isTrue();   // Friday, seconds ignored
        assertThat(at("0 9 * * MON-FRI", "2026-11-28T09:00:00Z")).isFalse();  // Saturday
        assertThat(at("0 9 * * MON-FRI", "2026-11-23T09:01:00Z")).isFalse();
        assertThat(at("0 9 * * MON-FRI", "2026-11-23T10:00:00Z")).isFalse();
    }

    @Test
    void listsRangesStepsAndNames_areUnderstood() {
        assertThat(at("*/15 * * * *", "2026-11-23T10:45:00Z")).isTrue();
        assertThat(at("*/15 * * * *", "2026-11-23T10:46:00Z")).isFalse();
        assertThat(at("0-30/10 8,17 * * *", "2026-11-23T17:20:00Z")).isTrue();
        assertThat(at("0-30/10 8,17 * * *", "2026-11-23T17:40:00Z")).isFalse();
        assertThat(at("0 0 1 jan,Jul *", "2026-07-01T00:00:00Z")).isTrue();
        assertThat(at("0 0 * * 7", "2026-11-29T00:00:00Z")).isTrue();  // Sunday as 7
        assertThat(at("0 0 * * 0", "2026-11-29T00:00:00Z")).isTrue();  // and as 0
        assertThat(at("5/20 * * * *", "2026-11-23T10:45:00Z")).isTrue();
    }

    @Test
    void bothDayFieldsRestricted_matchEitherAsCronDoes() {
        assertThat(at("0 9 1 * MON", "2026-11-23T09:00:00Z")).isTrue();  // a Monday, not the 1st
        assertThat(at("0 9 1 * MON", "2026-12-01T09:00:00Z")).isTrue();  // the 1st, a Tuesday
        assertThat(at("0 9 1 * MON", "2026-12-02T09:00:00Z")).isFalse();
    }

    @Test
    void parse_whenFieldsAreMissing_saysHowManyAndTheForm() {
        assertThatThrownBy(() -> CronSchedule.parse("25 * * *"))
                .hasMessage("'25 * * *' is not a valid cron expression: it has 4 fields, needs 5 "
                        + "(minute hour day-of-month month day-of-week, e.g. '0 9 * * MON-FRI')");
    }

    @Test
    void parse_whenAValueIsOutOfRangeOrUnknown_namesTheField() {
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *"))
                .hasMessageContaining("'25' is not a valid hour (0-23)");
        assertThatThrownBy(() -> CronSchedule.parse("0 9 * * MON-FRY"))
                .hasMessageContaining("'FRY' is not a valid day of week (0-7 or SUN-SAT)");
        assertThatThrownBy(() -> CronSchedule.parse("0 9 * * FRI-MON"))
                .hasMessageContaining("the day of week range 'FRI-MON' runs backwards");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *"))
                .hasMessageContaining("'0' is not a valid minute");
    }
}
