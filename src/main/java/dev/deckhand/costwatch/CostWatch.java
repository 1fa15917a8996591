package dev.deckhand.costwatch;

import dev.deckhand.chat.ChatPort;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.ratelimit.FreshQuota;
import dev.deckhand.store.Database;
import dev.deckhand.store.Deliveries;
import dev.deckhand.store.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cost watch assembled: the cached scanner, reminder state, the digest and its schedule, and the
 * {@code leaks} commands. Built once by {@code Deckhand}; the cloud side comes in through
 * {@link LeakScanner} and {@link LeakCleaner}.
 */
public final class CostWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CostWatch.class);

    private final LeakScanner scanner;
    private final ScanService scans;
    private final ReminderStore reminders;
    private final Digest digest;
    private final DigestScheduler scheduler;
    private final LeaksCommands commands;
    private final Clock clock;
    private final Replica replica;
    private ScheduledExecutorService timer;
    /** Other once-per-team work on the same minute timer (off-hours schedules); each leads its own lease. */
    private final List<Runnable> alsoEachMinute = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The lease under which one replica runs the digest schedule. */
    public static final String LEASE = "digest";
    /** How long a posted digest's minute stays claimed: far longer than the scheduler's catch-up. */
    private static final Duration DIGEST_CLAIM = Duration.ofDays(2);

    /**
     * What cost watch needs from config (the app maps its {@code costwatch} section here, so this
     * package does not depend on the app's config types).
     *
     * @param schedule        cron expression for the digest
     * @param timezone        zone the schedule is read in
     * @param channel         where the digest goes; empty: {@code defaultChannel}
     * @param cacheTtlMinutes how long a region's findings are reused
     * @param escalateAfter   digests a finding may go unanswered before its owner is mentioned
     */
    public record Settings(String schedule, String timezone, String channel, int cacheTtlMinutes, int escalateAfter) { }

    /**
     * @param regions        config {@code aws.regions} (empty: ask AWS)
     * @param defaultChannel where the digest goes when {@code costwatch.channel} is empty; empty: nowhere
     *                       (the digest is skipped with a warning in the log)
     */
    public CostWatch(Settings config, List<String> regions, String defaultChannel, LeakScanner scanner,
                     LeakCleaner cleaner, Database db, Clock clock, ChatPort chat, String priceDate) {
        this(config, regions, defaultChannel, scanner, cleaner, db, clock, chat, priceDate,
                new Replica(db, clock, Replica.newId(), Replica.DEFAULT_TTL));
    }

    /**
     * @param replica this process among those sharing the store: the digest runs on the one holding
     *                the {@value #LEASE} lease, and each scheduled minute is claimed once in the store
     */
    public CostWatch(Settings config, List<String> regions, String defaultChannel, LeakScanner scanner,
                     LeakCleaner cleaner, Database db, Clock clock, ChatPort chat, String priceDate, Replica replica) {
        this(config, regions, defaultChannel, scanner, cleaner, db, clock, chat, priceDate, replica,
                new FreshQuota(DEFAULT_FRESH_PER_USER, DEFAULT_FRESH_PER_TEAM, clock));
    }

    /** One fresh all-region scan per user per minute, and one per team every 10 s (config {@code rateLimits}). */
    public static final Duration DEFAULT_FRESH_PER_USER = Duration.ofMinutes(1);
    public static final Duration DEFAULT_FRESH_PER_TEAM = Duration.ofSeconds(10);

    /** @param fresh how often {@code leaks --fresh} may ask AWS, per user and per team */
    public CostWatch(Settings config, List<String> regions, String defaultChannel, LeakScanner scanner,
                     LeakCleaner cleaner, Database db, Clock clock, ChatPort chat, String priceDate, Replica replica,
                     FreshQuota fresh) {
        this.replica = replica;
        this.scanner = scanner;
        this.clock = clock;
        ZoneId zone = ZoneId.of(config.timezone());
        this.reminders = new ReminderStore(db);
        this.scans = new ScanService(scanner, regions == null ? List.of() : regions, clock,
                Duration.ofMinutes(config.cacheTtlMinutes()), reminders);
        String channel = config.channel() == null || config.channel().isBlank() ? defaultChannel : config.channel();
        this.digest = new Digest(scans, reminders, chat, channel, config.escalateAfter(), priceDate, clock);
        Deliveries claims = new Deliveries(db, clock);
        this.scheduler = new DigestScheduler(CronSchedule.parse(config.schedule()), zone, clock, digest::run,
                minute -> claims.claim("digest:" + minute, DIGEST_CLAIM));
        this.commands = new LeaksCommands(scans, new ScanGate(scans, fresh, clock), reminders, cleaner, clock, zone,
                priceDate);
    }

    public List<CommandSpec> commands() {
        List<CommandSpec> all = new java.util.ArrayList<>(commands.commands());
        all.add(CommandSpec.command("leaks digest").usage("leaks digest")
                .description("Posts the cost digest now (a fresh scan), as the schedule would")
                .example("leaks digest").role(dev.deckhand.access.Role.ADMIN).args(0, 0)
                .handledBy(context -> postDigestNow()));
        return List.copyOf(all);
    }

    private dev.deckhand.chat.Reply postDigestNow() {
        if (digest.channel().isBlank()) {
            throw new dev.deckhand.command.UserFacingException("The cost digest has no channel to go to. Set "
                    + "costwatch.channel to a channel id (e.g. C0123456789) and restart Deckhand.");
        }
        DigestPlan plan = digest.run();
        if (plan.items().isEmpty()) {
            return dev.deckhand.chat.Reply.ephemeral("Nothing new for the cost digest: " + plan.kept() + " kept, "
                    + plan.snoozed() + " snoozed, " + plan.recent() + " already shown in the last day. `leaks` lists everything.");
        }
        return dev.deckhand.chat.Reply.ephemeral("Posted the cost digest to " + digest.channel() + ": " + plan.items().size()
                + (plan.items().size() == 1 ? " finding needs" : " findings need") + " a decision.");
    }

    public ScanService scans() {
        return scans;
    }

    public Digest digest() {
        return digest;
    }

    public DigestScheduler scheduler() {
        return scheduler;
    }

    public ReminderStore reminders() {
        return reminders;
    }

    /**
     * What the schedule's timer does each minute: if this replica leads the digest ({@value #LEASE}
     * lease), ticks the scheduler. A replica that does not lead leaves its scheduler untouched, so on
     * taking the lease over it catches up a minute the stopped leader missed.
     *
     * @return true when a digest ran here
     */
    public boolean tickAsTeam() {
        return replica.lead(LEASE) && scheduler.tick();
    }

    /** Runs {@code task} on the digest's timer, every minute after the digest's check (call before {@link #startSchedule}). */
    public void alsoEachMinute(Runnable task) {
        alsoEachMinute.add(task);
    }

    /**
     * Starts checking the digest schedule at the start of every minute, on a daemon thread (the
     * scheduler decides what is due; tests call it directly instead). Stopped by {@link #close}.
     */
    public synchronized void startSchedule() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "costwatch-schedule");
            t.setDaemon(true);
            return t;
        });
        long delay = 60_000 - clock.millis() % 60_000;
        timer.scheduleAtFixedRate(() -> {
            try {
                tickAsTeam();
            } catch (RuntimeException e) {
                log.error("Cost digest failed", e);
            }
            for (Runnable task : alsoEachMinute) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Minute task failed", e);
                }
            }
        }, delay, 60_000, TimeUnit.MILLISECONDS);
    }

    /** Called after Deckhand changed AWS: the next {@code leaks} asks AWS again. */
    public void invalidate() {
        scans.invalidate();
    }

    @Override
    public void close() throws Exception {
        synchronized (this) {
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
        }
        try {
            replica.release(LEASE);
        } catch (RuntimeException e) {
            log.warn("Could not give up the {} lease; another replica takes it when it expires: {}", LEASE, e.getMessage());
        }
        if (scanner instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
