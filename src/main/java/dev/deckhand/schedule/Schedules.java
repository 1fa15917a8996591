package dev.deckhand.schedule;

import dev.deckhand.access.Role;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.store.AuditLog;
import dev.deckhand.store.Database;
import dev.deckhand.store.Deliveries;
import dev.deckhand.store.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * Off-hours schedules assembled: the {@code schedule} commands and the runner. Built once by
 * {@code Deckhand}; EC2 comes in through {@link InstanceControl}. The runner is once-per-team work:
 * {@link #tickAsTeam} runs it on the replica holding the {@value #LEASE} lease (and each edge is
 * claimed in the store besides, so a lease handed over mid-minute still acts once).
 */
public final class Schedules {

    private static final Logger log = LoggerFactory.getLogger(Schedules.class);
    public static final String LEASE = "schedules";

    private final ScheduleStore store;
    private final ScheduleRunner runner;
    private final List<CommandSpec> commands;
    private final Replica replica;

    /** @param defaultZone the zone a schedule is read in when no {@code --tz} is given (the team's) */
    public Schedules(InstanceControl control, Database db, AuditLog audit, ChatPort chat, PriceTable prices, Clock clock,
                     ZoneId defaultZone, Replica replica) {
        this.store = new ScheduleStore(db);
        this.replica = replica;
        this.runner = new ScheduleRunner(store, control, new Deliveries(db, clock), audit, chat, clock);
        this.commands = List.of(
                CommandSpec.command("schedule")
                        .usage(Window.FORM + " | schedule <instance|stack> --override-until HH:MM")
                        .description("Runs an instance (or a stack's instances) only in a window: Deckhand stops it at "
                                + "the end and starts it at the beginning; the plan shows the monthly saving")
                        .example(Window.EXAMPLE)
                        .role(Role.DEPLOYER).flags("tz", ScheduleCommand.OVERRIDE, "region").args(1, 3)
                        .changes(new ScheduleCommand(control, store, prices, clock, defaultZone)),
                CommandSpec.command("schedule list").usage("schedule list")
                        .description("Lists the off-hours schedules and what each does next")
                        .example("schedule list").args(0, 0)
                        .handledBy(new ScheduleListCommand(store, clock)),
                CommandSpec.command("schedule remove").usage("schedule remove <instance|stack> [--region r]")
                        .description("Stops Deckhand starting and stopping an instance on its schedule")
                        .example("schedule remove web-1")
                        .role(Role.DEPLOYER).flags("region").args(1, 1)
                        .changes(new ScheduleRemoveCommand(control, store)));
    }

    public List<CommandSpec> commands() {
        return commands;
    }

    public ScheduleRunner runner() {
        return runner;
    }

    /**
     * Runs what is due if this replica leads the schedules; never throws (it runs on a timer).
     *
     * @return what was done; empty when another replica leads or nothing was due
     */
    public List<RunOutcome> tickAsTeam() {
        try {
            return replica.lead(LEASE) ? runner.runDue() : List.of();
        } catch (RuntimeException e) {
            log.error("Off-hours schedules failed", e);
            return List.of();
        }
    }

    /** Gives the lease up (at shutdown), so another replica takes over at once. */
    public void release() {
        try {
            replica.release(LEASE);
        } catch (RuntimeException e) {
            log.warn("Could not give up the {} lease; another replica takes it when it expires: {}", LEASE, e.getMessage());
        }
    }
}
