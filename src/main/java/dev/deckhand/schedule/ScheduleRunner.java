package dev.deckhand.schedule;

import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.ec2.InstanceState;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;
import dev.deckhand.store.Deliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stops scheduled instances at the end of their window and starts them at its beginning.
 *
 * <p>Each run looks at every schedule's latest edge (start or stop) at or before now, and acts on it
 * once: the edge is claimed in the store first ({@link Deliveries}), so two replicas, or a run repeated
 * after a restart, act once between them. Because only the latest edge counts, a run after downtime
 * catches up: a stop missed overnight is done at start-up, and a missed start is done only while the
 * window is still open (after it closed, the latest edge is the stop). Edges before the schedule was
 * set are not acted on.
 *
 * <p>A stop is skipped, with a message in the schedule's channel, when the instance was started by hand
 * within the last hour (someone is working on it), or while an {@code --override-until} holds; the end
 * of an override is a stop of its own. A terminated instance is never started: its schedule is removed.
 * Every action, skip and failure is audited.
 */
public final class ScheduleRunner {

    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);
    /** A start by hand this recent means someone is working on the instance. */
    static final Duration MANUAL_START = Duration.ofHours(1);
    /** EC2's launch time after Deckhand's own start: a start within this of ours is ours. */
    private static final Duration OWN_START_SLACK = Duration.ofMinutes(10);
    /** Longer than the eight days an edge is looked back for. */
    private static final Duration CLAIM = Duration.ofDays(10);
    static final String ACTOR = "deckhand-schedule";

    private final ScheduleStore store;
    private final InstanceControl control;
    private final Deliveries claims;
    private final AuditLog audit;
    private final ChatPort chat;
    private final Clock clock;

    public ScheduleRunner(ScheduleStore store, InstanceControl control, Deliveries claims, AuditLog audit, ChatPort chat,
                          Clock clock) {
        this.store = store;
        this.control = control;
        this.claims = claims;
        this.audit = audit;
        this.chat = chat;
        this.clock = clock;
    }

    /** Acts on every schedule's latest edge not acted on yet. @return what was done */
    public List<RunOutcome> runDue() {
        Instant now = clock.instant();
        List<RunOutcome> outcomes = new ArrayList<>();
        for (Schedule s : store.all()) {
            try {
                due(s, now).ifPresent(edge -> act(s, edge, now).ifPresent(outcomes::add));
            } catch (RuntimeException e) {
                log.error("Schedule of {} failed", s.instanceId(), e);
                outcomes.add(new RunOutcome.Failed(s.instanceId(), String.valueOf(e.getMessage())));
            }
        }
        return outcomes;
    }

    /** The latest edge at or before now, after the schedule was set, that nobody has claimed yet. */
    private Optional<Window.Edge> due(Schedule s, Instant now) {
        Optional<Window.Edge> edge = s.window().latestEdge(now);
        Optional<Instant> overrideEnd = s.overrideUntil().filter(u -> !u.isAfter(now) && !s.window().inside(u));
        if (overrideEnd.isPresent() && (edge.isEmpty() || overrideEnd.get().isAfter(edge.get().at()))) {
            edge = Optional.of(new Window.Edge(overrideEnd.get(), Window.Action.STOP));
        }
        return edge.filter(e -> e.at().isAfter(s.createdAt()))
                .filter(e -> claims.claim("schedule:" + s.instanceId() + ":" + e.action() + ":" + e.at(), CLAIM));
    }

    private Optional<RunOutcome> act(Schedule s, Window.Edge edge, Instant now) {
        Optional<ScheduledInstance> found = control.byId(s.region(), s.instanceId());
        if (found.isEmpty() || found.get().gone()) {
            store.remove(s.instanceId());
            String why = s.label() + " was terminated, so Deckhand removed its schedule (" + s.window().describe()
                    + ") and will not start it.";
            post(s, why);
            record(s, edge, AuditEntry.Outcome.SUCCEEDED, why);
            return Optional.of(new RunOutcome.Removed(s.instanceId()));
        }
        ScheduledInstance i = found.get();
        return edge.action() == Window.Action.STOP ? stop(s, i, edge, now) : start(s, i, edge, now);
    }

    private Optional<RunOutcome> stop(Schedule s, ScheduledInstance i, Window.Edge edge, Instant now) {
        if (i.state() != InstanceState.RUNNING && i.state() != InstanceState.PENDING) {
            return Optional.empty();
        }
        boolean overrideEdge = s.overrideUntil().filter(edge.at()::equals).isPresent();
        if (!overrideEdge && s.overrideUntil().filter(now::isBefore).isPresent()) {
            String why = "kept running until " + local(s, s.overrideUntil().get()) + " (--override-until)";
            record(s, edge, AuditEntry.Outcome.SUCCEEDED, "stop skipped: " + why);
            return Optional.of(new RunOutcome.Skipped(i.id(), why));
        }
        if (!overrideEdge && startedByHand(s, i, now)) {
            long minutes = Duration.between(i.launchedAt(), now).toMinutes();
            String suggest = ZonedDateTime.ofInstant(now, s.window().zone()).plusHours(2).truncatedTo(ChronoUnit.HOURS)
                    .toLocalTime().toString();
            String why = "Not stopping " + i.label() + " at the end of its window (" + s.window().describe() + "): it was "
                    + "started by hand " + minutes + " minutes ago, so someone may be working on it. It keeps running "
                    + "until its next scheduled stop; to have Deckhand stop it sooner: `schedule " + s.name()
                    + " --override-until " + suggest + "`.";
            post(s, why);
            record(s, edge, AuditEntry.Outcome.SUCCEEDED, "stop skipped: started by hand " + minutes + " minutes ago");
            return Optional.of(new RunOutcome.Skipped(i.id(), why));
        }
        try {
            control.stop(s.region(), i.id());
        } catch (UserFacingException e) {
            return failed(s, edge, "stop", e);
        }
        record(s, edge, AuditEntry.Outcome.SUCCEEDED, "stopped at the end of its window (" + s.window().describe() + ")");
        return Optional.of(new RunOutcome.Stopped(i.id()));
    }

    private Optional<RunOutcome> start(Schedule s, ScheduledInstance i, Window.Edge edge, Instant now) {
        if (i.state() != InstanceState.STOPPED) {
            return Optional.empty();
        }
        try {
            control.start(s.region(), i.id());
        } catch (UserFacingException e) {
            return failed(s, edge, "start", e);
        }
        store.startedByDeckhand(i.id(), now);
        record(s, edge, AuditEntry.Outcome.SUCCEEDED, "started at the beginning of its window (" + s.window().describe() + ")");
        return Optional.of(new RunOutcome.Started(i.id()));
    }

    /** Launched within the hour, and not by Deckhand's own start. */
    private static boolean startedByHand(Schedule s, ScheduledInstance i, Instant now) {
        if (i.launchedAt() == null || i.launchedAt().isBefore(now.minus(MANUAL_START))) {
            return false;
        }
        return s.startedByDeckhandAt().map(ours -> Duration.between(ours, i.launchedAt()).abs().compareTo(OWN_START_SLACK) > 0)
                .orElse(true);
    }

    private Optional<RunOutcome> failed(Schedule s, Window.Edge edge, String verb, UserFacingException e) {
        String why = "Deckhand could not " + verb + " " + s.label() + " on its schedule: " + e.getMessage();
        post(s, why);
        record(s, edge, AuditEntry.Outcome.FAILED, why);
        return Optional.of(new RunOutcome.Failed(s.instanceId(), why));
    }

    private String local(Schedule s, Instant at) {
        return at.atZone(s.window().zone()).toLocalDateTime().toString().replace('T', ' ') + " " + s.window().zone().getId();
    }

    private void post(Schedule s, String text) {
        try {
            chat.post(s.channel(), Reply.inChannel(text));
        } catch (RuntimeException e) {
            log.warn("Could not post the schedule message for {}: {}", s.instanceId(), e.getMessage());
        }
    }

    private void record(Schedule s, Window.Edge edge, AuditEntry.Outcome outcome, String detail) {
        audit.record(new AuditEntry(clock.instant(), ACTOR, s.channel(), "schedule " + edge.action().name().toLowerCase()
                + " " + s.name() + " (edge " + local(s, edge.at()) + ")", s.region(), List.of(s.instanceId()), outcome, detail));
    }
}
