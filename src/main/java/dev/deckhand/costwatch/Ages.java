package dev.deckhand.costwatch;

import java.time.Duration;

/** Durations in the words a reminder uses: "9 days", "1 hour", "less than an hour". */
public final class Ages {

    private Ages() {
    }

    public static String words(Duration age) {
        long days = age.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = age.toHours();
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return "less than an hour";
    }
}
