package dev.deckhand.schedule;

import dev.deckhand.validate.UsageException;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When an instance may run: on these days, from {@code from} to {@code to} local time in {@code zone}.
 * A window whose end is not after its start ends the next day ({@code 22:00-06:00}). Edges are local
 * wall-clock times, so they move in UTC across daylight-saving changes; a start in a spring-forward
 * gap happens at the first valid instant after it.
 */
public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

    static final String FORM = "schedule <instance|stack> <days> <HH:MM>-<HH:MM> [--tz Asia/Seoul]";
    static final String EXAMPLE = "schedule web-1 weekdays 09:00-19:00 --tz Asia/Seoul";

    public Window {
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** Whether Deckhand starts or stops the instance at an edge. */
    public enum Action { START, STOP }

    /** One start or stop time. */
    public record Edge(Instant at, Action action) { }

    /**
     * Parses what was typed.
     *
     * @param days  {@code weekdays}, {@code weekends}, {@code daily}, a range {@code mon-fri} or a list {@code mon,wed,fri}
     * @param range {@code 09:00-19:00}
     * @param zone  a zone id such as {@code Asia/Seoul}
     */
    public static Window parse(String days, String range, String zone) {
        return new Window(parseDays(days), time(range, 0), time(range, 1), parseZone(zone));
    }

    static ZoneId parseZone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new UsageException("'" + zone + "' is not a time zone.", "Use a zone id such as Asia/Seoul, "
                    + "Europe/Berlin or UTC: " + EXAMPLE);
        }
    }

    private static LocalTime time(String range, int part) {
        String[] ends = range.split("-");
        if (ends.length != 2) {
            throw new UsageException("'" + range + "' is not a time range.", "Write it as <HH:MM>-<HH:MM>: " + EXAMPLE);
        }
        LocalTime from = clock(ends[0], range);
        LocalTime to = clock(ends[1], range);
        if (from.equals(to)) {
            throw new UsageException("The window " + range + " starts and ends at the same time.",
                    "Give a window with a length, e.g. 09:00-19:00 (or remove the schedule: `schedule remove <instance>`).");
        }
        return part == 0 ? from : to;
    }

    private static LocalTime clock(String text, String range) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new UsageException("'" + text + "' in " + range + " is not a time of day.",
                    "Use 24-hour HH:MM, e.g. 09:00-19:00: " + EXAMPLE);
        }
    }

    static Set<DayOfWeek> parseDays(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        switch (t) {
            case "weekdays":
                return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            case "weekends":
                return EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            case "daily", "everyday", "every-day":
                return EnumSet.allOf(DayOfWeek.class);
            default:
                break;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : t.split(",")) {
            String[] range = part.split("-");
            if (range.length == 1) {
                days.add(day(range[0], text));
            } else if (range.length == 2) {
                DayOfWeek first = day(range[0], text);
                DayOfWeek last = day(range[1], text);
                for (DayOfWeek d = first; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == last) {
                        break;
                    }
                }
            } else {
                throw badDays(text);
            }
        }
        return days;
    }

    private static DayOfWeek day(String word, String whole) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (word.length() >= 3 && name.startsWith(word)) {
                return d;
            }
        }
        throw badDays(whole);
    }

    private static UsageException badDays(String text) {
        return new UsageException("'" + text + "' are not days.", "Use weekdays, weekends, daily, a range such as "
                + "mon-fri or a list such as mon,wed,fri: " + EXAMPLE);
    }

    /** How long one day's window lasts (nominally: a daylight-saving change shifts one day by an hour). */
    public Duration length() {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? d.plusDays(1) : d;
    }

    /** Running hours in a week. */
    public double hoursPerWeek() {
        return days.size() * length().toMinutes() / 60.0;
    }

    /** The share of the week it runs, 0..1. */
    public double runningShare() {
        return hoursPerWeek() / (7 * 24.0);
    }

    /** The edges of the windows that start on {@code date}. */
    private List<Edge> edgesOf(LocalDate date) {
        if (!days.contains(date.getDayOfWeek())) {
            return List.of();
        }
        ZonedDateTime start = ZonedDateTime.of(date, from, zone);
        ZonedDateTime end = ZonedDateTime.of(to.isAfter(from) ? date : date.plusDays(1), to, zone);
        return List.of(new Edge(start.toInstant(), Action.START), new Edge(end.toInstant(), Action.STOP));
    }

    /** The last edge at or before {@code now}; empty when there is none in the last eight days. */
    public Optional<Edge> latestEdge(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Edge> edges = new ArrayList<>();
        for (LocalDate d = today.minusDays(8); !d.isAfter(today); d = d.plusDays(1)) {
            edges.addAll(edgesOf(d));
        }
        return edges.stream().filter(e -> !e.at().isAfter(now)).max(Comparator.comparing(Edge::at));
    }

    /** The next edge after {@code now}. */
    public Optional<Edge> nextEdge(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Edge> edges = new ArrayList<>();
        for (LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(8)); d = d.plusDays(1)) {
            edges.addAll(edgesOf(d));
        }
        return edges.stream().filter(e -> e.at().isAfter(now)).min(Comparator.comparing(Edge::at));
    }

    /** The next end of a window after {@code now}. */
    public Optional<Instant> nextStop(Instant now) {
        Optional<Edge> next = nextEdge(now);
        if (next.isPresent() && next.get().action() == Action.START) {
            next = nextEdge(next.get().at());
        }
        return next.map(Edge::at);
    }

    /** Whether the instance should be running at {@code now}. */
    public boolean inside(Instant now) {
        return latestEdge(now).map(e -> e.action() == Action.START).orElse(false);
    }

    /** The days as stored: {@code MON,TUE,...}. */
    public String daysCode() {
        return days.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
    }

    /** e.g. {@code weekdays 09:00-19:00 Asia/Seoul}. */
    public String describe() {
        return daysWords() + " " + from + "-" + to + " " + zone.getId();
    }

    private String daysWords() {
        if (days.equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
            return "weekdays";
        }
        if (days.equals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))) {
            return "weekends";
        }
        if (days.size() == 7) {
            return "daily";
        }
        return daysCode().toLowerCase(Locale.ROOT);
    }
}
