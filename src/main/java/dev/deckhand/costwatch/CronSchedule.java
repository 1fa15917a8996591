package dev.deckhand.costwatch;

import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A five-field cron expression: minute, hour, day of month, month, day of week. Each field takes
 * numbers, {@code *}, lists ({@code 1,15}), ranges ({@code 9-17}), steps ({@code *}{@code /15},
 * {@code 0-30/10}) and, for months and weekdays, names ({@code JAN}, {@code MON-FRI}); Sunday is 0 or
 * 7. As in Vixie cron, when both day fields are restricted a day matching either one matches.
 */
public final class CronSchedule {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final String FORM = "minute hour day-of-month month day-of-week, e.g. '0 9 * * MON-FRI'";

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String expression, String[] f) {
        this.expression = expression;
        this.minutes = field(f[0], "minute", 0, 59, List.of(), 0);
        this.hours = field(f[1], "hour", 0, 23, List.of(), 0);
        this.daysOfMonth = field(f[2], "day of month", 1, 31, List.of(), 1);
        this.months = field(f[3], "month", 1, 12, MONTHS, 1);
        BitSet dow = field(f[4], "day of week", 0, 7, DAYS, 0);
        if (dow.get(7)) {
            dow.set(0);
        }
        this.daysOfWeek = dow;
        this.anyDayOfMonth = f[2].equals("*");
        this.anyDayOfWeek = f[4].equals("*");
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, e.g.
     *         {@code '25 * * *' is not a valid cron expression: it has 4 fields, needs 5 (...)}
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("is empty; give five fields: " + FORM);
        }
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid cron expression: it has "
                    + fields.length + (fields.length == 1 ? " field" : " fields") + ", needs 5 (" + FORM + ")");
        }
        try {
            return new CronSchedule(expression.strip(), fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid cron expression: " + e.getMessage()
                    + " (" + FORM + ")");
        }
    }

    /** Whether the schedule fires in the minute of {@code time} (seconds are ignored). */
    public boolean matches(ZonedDateTime time) {
        if (!minutes.get(time.getMinute()) || !hours.get(time.getHour()) || !months.get(time.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(time.getDayOfMonth());
        boolean dow = daysOfWeek.get(time.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    @Override
    public String toString() {
        return expression;
    }

    private static BitSet field(String text, String name, int min, int max, List<String> names, int nameBase) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("the " + name + " field '" + text + "' has an empty list item");
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name, 1, max - min + 1, List.of(), 0);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], name, min, max, names, nameBase);
                to = number(ends[1], name, min, max, names, nameBase);
                if (to < from) {
                    throw new IllegalArgumentException("the " + name + " range '" + range + "' runs backwards");
                }
            } else {
                from = number(range, name, min, max, names, nameBase);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String text, String name, int min, int max, List<String> names, int nameBase) {
        int byName = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (byName >= 0) {
            return byName + nameBase;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a valid " + name + " (" + min + "-" + max
                + (names.isEmpty() ? "" : " or " + names.get(0) + "-" + names.get(names.size() - 1)) + ")");
    }
}
