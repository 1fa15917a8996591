package dev.deckhand.schedule;

import dev.deckhand.validate.UsageException;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowTest {

    /** New York springs forward on Sunday 8 March 2026 at 02:00: 09:00 is 14:00Z before, 13:00Z after. */
    @Test
    void edges_inNewYork_followTheDaylightSavingChange() {
        Window w = Window.parse("daily", "09:00-19:00", "America/New_York");

        assertThat(w.latestEdge(Instant.parse("2026-03-07T14:00:00Z")).orElseThrow())
                .isEqualTo(new Window.Edge(Instant.parse("2026-03-07T14:00:00Z"), Window.Action.START));
        assertThat(w.latestEdge(Instant.parse("2026-03-09T12:59:00Z")).orElseThrow())
                .as("Sunday's 19:00 EDT stop is 23:00Z, no longer 00:00Z")
                .isEqualTo(new Window.Edge(Instant.parse("2026-03-08T23:00:00Z"), Window.Action.STOP));
        assertThat(w.latestEdge(Instant.parse("2026-03-09T13:00:00Z")).orElseThrow())
                .isEqualTo(new Window.Edge(Instant.parse("2026-03-09T13:00:00Z"), Window.Action.START));
        assertThat(w.inside(Instant.parse("2026-03-09T13:30:00Z"))).isTrue();
        assertThat(w.inside(Instant.parse("2026-03-07T13:30:00Z"))).as("08:30 EST").isFalse();
    }

    @Test
    void aStartInTheSpringForwardGap_happensAtTheFirstValidInstant() {
        Window w = Window.parse("sun", "02:30-05:00", "America/New_York");

        assertThat(w.nextEdge(Instant.parse("2026-03-08T00:00:00Z")).orElseThrow())
                .as("02:30 does not exist that night; 03:30 EDT = 07:30Z")
                .isEqualTo(new Window.Edge(Instant.parse("2026-03-08T07:30:00Z"), Window.Action.START));
    }

    @Test
    void anOvernightWindow_endsTheNextDay() {
        Window w = Window.parse("fri", "22:00-06:00", "UTC");

        assertThat(w.inside(Instant.parse("2026-12-05T03:00:00Z"))).as("Saturday 03:00").isTrue();
        assertThat(w.latestEdge(Instant.parse("2026-12-05T07:00:00Z")).orElseThrow())
                .isEqualTo(new Window.Edge(Instant.parse("2026-12-05T06:00:00Z"), Window.Action.STOP));
        assertThat(w.hoursPerWeek()).isEqualTo(8.0);
    }

    @Test
    void days_areReadInEveryUsualSpelling() {
        assertThat(Window.parseDays("weekdays")).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        assertThat(Window.parseDays("mon-fri")).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        assertThat(Window.parseDays("Mon,Wed,Fri")).containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(Window.parseDays("fri-mon")).containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY,
                DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThat(Window.parse("weekdays", "9:00-19:00", "Asia/Seoul").describe()).isEqualTo("weekdays 09:00-19:00 Asia/Seoul");
    }

    @Test
    void badInput_saysWhatWasWrongAndShowsTheForm() {
        assertThatThrownBy(() -> Window.parse("weekdays", "9-19", "UTC")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'9' in 9-19 is not a time of day");
        assertThatThrownBy(() -> Window.parse("someday", "09:00-19:00", "UTC")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'someday' are not days");
        assertThatThrownBy(() -> Window.parse("daily", "09:00-19:00", "Mars/Olympus")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'Mars/Olympus' is not a time zone");
        assertThatThrownBy(() -> Window.parse("daily", "09:00-09:00", "UTC")).isInstanceOf(UsageException.class)
                .hasMessageContaining("starts and ends at the same time");
    }
}
