package dev.deckhand.schedule;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Plan;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.validate.UsageException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code schedule <instance|stack> <days> <from>-<to> [--tz zone]}: the instance runs only in that
 * window. The plan shows the running hours a month before and after and the saving at the instance's
 * price, and warns when the public IPv4 address will change at every start. Apply tags the instances
 * ({@code deckhand:schedule}) and stores the schedule; the {@link ScheduleRunner} does the rest.
 *
 * <p>{@code schedule <instance|stack> --override-until HH:MM}: keeps a scheduled instance running
 * until then (stops are skipped) and stops it at that time.
 */
final class ScheduleCommand implements Change {

    static final String OVERRIDE = "override-until";

    private final InstanceControl control;
    private final ScheduleStore store;
    private final ScheduleCosts costs;
    private final Clock clock;
    private final ZoneId defaultZone;

    ScheduleCommand(InstanceControl control, ScheduleStore store, PriceTable prices, Clock clock, ZoneId defaultZone) {
        this.control = control;
        this.store = store;
        this.costs = new ScheduleCosts(prices);
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    @Override
    public Plan plan(CommandContext ctx) {
        String name = ctx.args().positional(0);
        if (ctx.args().has(OVERRIDE)) {
            if (ctx.args().positionals().size() != 1) {
                throw new UsageException("--override-until goes with the instance alone.",
                        "`schedule " + name + " --override-until 21:00`");
            }
            return planOverride(ctx, name, ctx.args().flag(OVERRIDE).orElse(""));
        }
        if (ctx.args().positionals().size() != 3) {
            throw new UsageException("A schedule needs the instance, the days and the hours.", "`" + Window.FORM
                    + "`, e.g. `" + Window.EXAMPLE + "`");
        }
        Window window = Window.parse(ctx.args().positional(1), ctx.args().positional(2),
                ctx.args().flag("tz").orElse(defaultZone.getId()));
        List<ScheduledInstance> instances = Targets.require(control, ctx.region(), name);
        Plan.Builder plan = ctx.newPlan();
        List<String> same = new ArrayList<>();
        for (ScheduledInstance i : instances) {
            Optional<Schedule> existing = store.get(i.id());
            if (existing.isPresent() && existing.get().window().equals(window)) {
                same.add(i.label());
                continue;
            }
            plan.effect(new Effect.Schedule(Targets.of(i), "run only " + window.describe(),
                    costs.saving(i.region(), i.type(), window).negate(), true));
            Instant now = clock.instant();
            if (i.state() == dev.deckhand.ec2.InstanceState.RUNNING && !window.inside(now)) {
                plan.note(i.label() + " is running outside this window now; Deckhand first stops it at the window's "
                        + "next end" + window.nextStop(now)
                        .map(at -> " (" + local(at, window) + ")").orElse("")
                        + ". `ec2 stop " + (i.name().isEmpty() ? i.id() : i.name()) + "` stops it now.");
            }
            if (!i.publicIp().isEmpty() && !i.elasticIp()) {
                plan.note("Warning: " + i.label() + " gets a new public IPv4 address at every start (no Elastic IP), so "
                        + "DNS records and firewall rules that use " + i.publicIp() + " break each morning. An Elastic IP "
                        + "keeps it, for " + PriceTable.usd(costs.elasticIpWhileStopped(window))
                        + "/month while stopped: `eip allocate` then `eip associate`.");
            }
        }
        Plan built = plan.detail("Window", window.describe())
                .detail("Running hours/month", costs.hoursPerMonth() + " -> " + costs.runningHours(window))
                .detail("Instances", String.valueOf(instances.size() - same.size()))
                .build();
        if (built.isEmpty()) {
            return ctx.nothingToDo(String.join(", ", same) + " already " + (same.size() == 1 ? "runs" : "run")
                    + " only " + window.describe() + ".");
        }
        return built;
    }

    private Plan planOverride(CommandContext ctx, String name, String time) {
        List<ScheduledInstance> instances = Targets.require(control, ctx.region(), name);
        Plan.Builder plan = ctx.newPlan();
        String until = "";
        for (ScheduledInstance i : instances) {
            Optional<Schedule> s = store.get(i.id());
            if (s.isEmpty()) {
                continue;
            }
            Instant at = nextTime(time, s.get().window().zone());
            until = at.toString();
            plan.effect(new Effect.Schedule(Targets.of(i), "keep running until " + time + " "
                    + s.get().window().zone().getId() + ", then stop", Cost.ZERO, true));
        }
        if (until.isEmpty()) {
            throw new UserFacingException(name + " has no schedule to override. Set one first: `" + Window.EXAMPLE + "`.");
        }
        return plan.detail("Until", until).build();
    }

    /** The next {@code HH:MM} in {@code zone} after now. */
    private Instant nextTime(String text, ZoneId zone) {
        LocalTime t;
        try {
            t = LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new UsageException("'" + text + "' is not a time of day.", "Use HH:MM in the schedule's zone: "
                    + "`schedule web-1 --override-until 21:00`");
        }
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime at = ZonedDateTime.of(now.toLocalDate(), t, zone);
        return (at.isAfter(now) ? at : at.plusDays(1)).toInstant();
    }

    @Override
    public Reply apply(CommandContext ctx, Plan plan) {
        List<Effect.Schedule> effects = plan.effects().stream().map(Effect.Schedule.class::cast).toList();
        String region = effects.get(0).target().region();
        List<String> ids = effects.stream().map(e -> e.target().id()).toList();
        if (plan.details().containsKey("Until")) {
            Instant until = Instant.parse(plan.details().get("Until"));
            ids.forEach(id -> store.overrideUntil(id, until));
            ids.forEach(ctx::touched);
            return Reply.builder().inChannel().header("Schedule overridden")
                    .body(ctx.user() + ": " + effects.get(0).describe() + (ids.size() > 1 ? " and " + (ids.size() - 1)
                            + " more" : "") + ".").build();
        }
        String windowText = plan.details().get("Window");
        Window window = parseStored(windowText);
        control.tagSchedule(region, ids, window.describe());
        Instant now = clock.instant();
        for (Effect.Schedule e : effects) {
            store.put(new Schedule(e.target().id(), region, e.target().label(), ctx.args().positional(0), window,
                    ctx.channel(), ctx.user(), now, Optional.empty(), Optional.empty()));
            ctx.touched(e.target().id());
        }
        Reply.Builder reply = Reply.builder().inChannel().header("Off-hours schedule set")
                .body(ctx.user() + " scheduled " + String.join(", ", effects.stream().map(e -> e.target().label()).toList())
                        + " in " + region + " to run only " + window.describe() + ".")
                .field("Running hours/month", plan.details().get("Running hours/month"))
                .field("Saving", plan.monthlyChange().negate().toString().replaceFirst("^\\+", ""));
        window.nextEdge(now).ifPresent(edge -> reply.field("Next", (edge.action() == Window.Action.START ? "start " : "stop ")
                + local(edge.at(), window)));
        plan.notes().forEach(reply::line);
        return reply.build();
    }

    /** e.g. {@code 2026-12-02 19:00} in the window's zone. */
    static String local(Instant at, Window window) {
        return at.atZone(window.zone()).toLocalDateTime().toString().replace('T', ' ');
    }

    /** The window back from the plan's detail, as {@link Window#describe} wrote it. */
    static Window parseStored(String described) {
        String[] parts = described.split(" ");
        return Window.parse(parts[0], parts[1], parts[2]);
    }
}
