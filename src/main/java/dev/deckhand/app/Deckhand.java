package dev.deckhand.app;

import dev.deckhand.accounts.Accounts;
import dev.deckhand.access.AccessPolicy;
import dev.deckhand.access.GrantStore;
import dev.deckhand.access.Limits;
import dev.deckhand.access.PermissionChecker;
import dev.deckhand.access.PlanPolicy;
import dev.deckhand.access.Role;
import dev.deckhand.access.RoleDefinition;
import dev.deckhand.app.config.ConfigException;
import dev.deckhand.app.config.ConfigLoader;
import dev.deckhand.app.config.DeckhandConfig;
import dev.deckhand.app.config.RateLimitsConfig;
import dev.deckhand.approval.ApprovalSettings;
import dev.deckhand.approval.Approvals;
import dev.deckhand.audit.AuditCommand;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.ec2.AwsEc2Service;
import dev.deckhand.aws.costwatch.AwsLeakCleaner;
import dev.deckhand.aws.costwatch.AccountsLeakScanner;
import dev.deckhand.aws.costwatch.AwsLeakScanner;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.DeliveryGuard;
import dev.deckhand.command.CommandRegistry;
import dev.deckhand.command.CommandRouter;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.RegionGuard;
import dev.deckhand.command.HelpCommand;
import dev.deckhand.ec2.Ec2Commands;
import dev.deckhand.ec2.InstanceListings;
import dev.deckhand.console.ConsoleChatPort;
import dev.deckhand.costwatch.CostWatch;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.ratelimit.FreshQuota;
import dev.deckhand.roles.AccessCommands;
import dev.deckhand.settings.AccountCommand;
import dev.deckhand.schedule.Schedules;
import dev.deckhand.trend.Trend;
import dev.deckhand.aws.schedule.AwsInstanceControl;
import dev.deckhand.settings.RegionCommand;
import dev.deckhand.store.AuditLog;
import dev.deckhand.store.ChannelSettings;
import dev.deckhand.store.Database;
import dev.deckhand.store.SharedChanges;
import dev.deckhand.store.Deliveries;
import dev.deckhand.store.Replica;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.store.StoreTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one registry: builds the shared services from config and lists every command. Reading this
 * class tells which features exist and what each one needs.
 */
public final class Deckhand implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deckhand.class);

    private final DeckhandConfig config;
    private final Database database;
    private final Replica replica;
    private final Deliveries deliveries;
    private final AwsClients aws;
    private final Clock clock;
    private final AuditLog auditLog;
    private final ChannelSettings channelSettings;
    private final PermissionChecker checker;
    private final CommandRegistry registry;
    private final CommandRouter router;
    private final PriceTable prices;
    private final ChatPort chat;
    private final Approvals approvals;
    private final CostWatch costWatch;
    private final InstanceListings listings;
    private final Schedules schedules;
    private final Trend trend;

    /** @param env where the store's credentials come from (DECKHAND_STORE_USER, DECKHAND_STORE_PASSWORD) */
    private Deckhand(DeckhandConfig config, Map<String, String> env, AwsClients clients, Clock clock, ChatPort chat) {
        this.config = config;
        this.chat = chat;
        // Clients only for watched regions, whatever asks: defence in depth behind the router's RegionGuard.
        this.aws = clients.watching(orEmpty(config.aws().regions()), config.aws().defaultRegion());
        this.clock = clock;
        this.database = Database.open(StoreTarget.fromConfig(config.store().path(), config.store().url(), env));
        this.replica = new Replica(database, clock, Replica.newId(), Replica.DEFAULT_TTL);
        this.deliveries = new Deliveries(database, clock);
        this.auditLog = new AuditLog(database);
        this.channelSettings = new ChannelSettings(database);
        this.prices = PriceTable.load(Path.of(config.pricing().table()));
        AccessPolicy policy = accessPolicy(config.access());
        GrantStore grants = new SqliteGrantStore(database, clock);
        this.checker = new PermissionChecker(policy, grants);
        this.registry = new CommandRegistry();
        InfraWiring infra = new InfraWiring(this.aws, prices, clock, chat);
        registry.register(new HelpCommand(registry).spec());
        // --region names only watched regions: no client is ever built for a region typed in chat.
        RegionGuard watched = RegionGuard.watched(config.aws().defaultRegion(), this.aws::watchedRegions);
        registry.register(new RegionCommand(channelSettings, watched, config.aws().defaultRegion()).spec());
        registry.register(new AccountCommand(channelSettings, accounts(config, clients)).spec());
        registry.registerAll(new AccessCommands(policy, grants, checker, accounts(config, clients)).commands());
        registry.register(new AuditCommand(auditLog).spec());
        // Feature commands are registered here, one line per feature.
        // ec2 list and the cost scan share one cache of instance listings, kept as long as cost watch keeps findings.
        this.listings = new InstanceListings(clock, Duration.ofMinutes(config.costwatch().cacheTtlMinutes()));
        AwsEc2Service ec2 = new AwsEc2Service(this.aws, orEmpty(config.aws().regions()), config.aws().defaultRegion());
        Accounts accounts = accounts(config, clients);
        registry.registerAll(new Ec2Commands(ec2, prices, clock, listings).searchingAccounts((user, channel, current) ->
                accounts.all().stream().filter(a -> !a.name().equals(current))
                        .filter(a -> checker.effectiveRole(user, channel, a.name()).isPresent())
                        .flatMap(a -> a.regions().stream().map(r -> a.name() + "/" + r)).toList()).commands());
        registry.registerAll(infra.securityGroupCommands(config.approvals().worldOpenPorts()).commands());
        registry.registerAll(infra.elasticIpCommands().commands());
        registry.registerAll(infra.dnsCommands().commands());
        registry.registerAll(infra.teardownCommands().commands());
        registry.registerAll(infra.certCommands().commands());
        registry.registerAll(infra.loadBalancerCommands().commands());
        registry.registerAll(infra.deployCommands().commands());
        this.trend = new Trend(database, clock, java.time.ZoneId.of(config.costwatch().timezone()));
        this.costWatch = costWatch(config, this.aws, clock, chat);
        registry.registerAll(costWatch.commands());
        registry.register(trend.command());
        costWatch.digest().afterSummary(trend.weeklyChart(chat, deliveries));
        this.schedules = new Schedules(new AwsInstanceControl(this.aws), database, auditLog, chat, prices, clock,
                java.time.ZoneId.of(config.costwatch().timezone()), replica);
        registry.registerAll(schedules.commands());
        ApprovalSettings approvalSettings = ApprovalSettings.from(config.approvals());
        this.approvals = new Approvals(approvalSettings, database, checker, auditLog, chat, clock, replica);
        registry.registerAll(approvals.commands());
        this.router = new CommandRouter(registry, checker, new PlanPolicy(approvalSettings.policy()),
                watched, this::regionOf, auditLog, clock, approvals.gate());
        router.useAccounts(accounts(config, clients), channelSettings::account);
        router.onSuccessfulChange(costWatch::invalidate);
        router.onSuccessfulChange(listings::invalidate);
        // Other replicas' changes drop this replica's caches too: a counter in the store, read before each command.
        SharedChanges shared = new SharedChanges(database);
        shared.onForeignChange(costWatch::invalidate);
        shared.onForeignChange(listings::invalidate);
        router.onSuccessfulChange(shared::bump);
        router.beforeEachCommand(shared::refresh);
        approvals.attach(router);
    }

    /** As {@link #create(DeckhandConfig, Map, AwsClients, Clock, ChatPort)} with the process's environment. */
    public static Deckhand create(DeckhandConfig config, AwsClients aws, Clock clock, ChatPort chat) {
        return create(config, System.getenv(), aws, clock, chat);
    }

    /**
     * The long-running bot (console or Slack), one replica among those sharing the store: also starts
     * its heartbeat and, as once-per-team work under leases, the digest schedule, the report of
     * approvals a stopped replica left running, and the sweep of expired ones.
     *
     * @param env  the environment the store's credentials are read from
     * @param chat how Deckhand posts on its own (cards, reminders, DMs): Slack's Web API or the console
     */
    public static Deckhand create(DeckhandConfig config, Map<String, String> env, AwsClients aws, Clock clock,
                                  ChatPort chat) {
        Deckhand deckhand = checked(new Deckhand(config, env, aws, clock, chat));
        log.info("Deckhand replica {} on the store at {}", deckhand.replica.id(), deckhand.database.describe());
        deckhand.replica.startHeartbeat();
        if (config.costwatch().enabled()) {
            // Off-hours schedules share the digest's minute timer; at start-up they catch up what was missed.
            deckhand.costWatch.alsoEachMinute(deckhand.schedules::tickAsTeam);
            deckhand.schedules.tickAsTeam();
            deckhand.costWatch.startSchedule();
        }
        deckhand.approvals.housekeepAsTeam();
        deckhand.approvals.startExpirySweep(30);
        return deckhand;
    }

    /**
     * A one-off run (e.g. {@code deckhand scan} from cron) next to a bot that may be running on the same
     * database: no heartbeat, no schedule, no sweep, and no restart recovery.
     */
    public static Deckhand oneShot(DeckhandConfig config, AwsClients aws, Clock clock, ChatPort chat) {
        return oneShot(config, System.getenv(), aws, clock, chat);
    }

    public static Deckhand oneShot(DeckhandConfig config, Map<String, String> env, AwsClients aws, Clock clock,
                                   ChatPort chat) {
        return checked(new Deckhand(config, env, aws, clock, chat));
    }

    /**
     * Checks the command names in config against the registry, now that every command is registered
     * (a typo in approvals.actions would otherwise let the command it meant run without approval).
     *
     * @throws ConfigException naming the entry and the closest command; nothing is left running
     */
    private static Deckhand checked(Deckhand deckhand) {
        try {
            ConfigLoader.checkCommandNames(deckhand.config, deckhand.registry.all().stream().map(CommandSpec::name).toList());
            return deckhand;
        } catch (ConfigException e) {
            deckhand.close();
            throw e;
        }
    }

    /**
     * Duplicate chat deliveries decided in the store: a retry landing on another replica finds the
     * first delivery's key and runs nothing. Expired keys are purged every few hundred deliveries.
     *
     * @param window how long a delivery is remembered
     */
    public DeliveryGuard deliveryGuard(Duration window) {
        AtomicLong offered = new AtomicLong();
        return new DeliveryGuard() {
            @Override
            public boolean firstDelivery(String key) {
                if (offered.incrementAndGet() % 500 == 0) {
                    deliveries.purgeExpired();
                }
                return deliveries.claim("chat:" + key, window);
            }

            @Override
            public boolean firstDelivery(String key, Duration keep) {
                return deliveries.claim("chat:" + key, keep.compareTo(window) > 0 ? keep : window);
            }

            @Override
            public void forget(String key) {
                deliveries.forget("chat:" + key);
            }
        };
    }

    /** This process among the replicas sharing the store. */
    public Replica replica() {
        return replica;
    }

    public ChatPort chat() {
        return chat;
    }

    /** The channel's stored region, else the configured default. */
    public String regionOf(String channelId) {
        return channelSettings.region(channelId).orElse(config.aws().defaultRegion());
    }

    public Approvals approvals() {
        return approvals;
    }

    public CommandRouter router() {
        return router;
    }

    public CommandRegistry registry() {
        return registry;
    }

    public PermissionChecker checker() {
        return checker;
    }

    public DeckhandConfig config() {
        return config;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    public PriceTable prices() {
        return prices;
    }

    public AwsClients aws() {
        return aws;
    }

    public CostWatch costWatch() {
        return costWatch;
    }

    public Trend trend() {
        return trend;
    }

    public Schedules schedules() {
        return schedules;
    }

    private CostWatch costWatch(DeckhandConfig config, AwsClients aws, Clock clock, ChatPort chat) {
        var cw = config.costwatch();
        AccountsLeakScanner.PerAccount perAccount = (clients, home, shared) -> AwsLeakScanner.create(clients, prices,
                new dev.deckhand.pricing.LivePrices(prices, new dev.deckhand.aws.pricing.AwsPriceList(clients),
                        new dev.deckhand.pricing.PriceCache(database), clock),
                clock, home, shared, idleRules(cw), scanConcurrency(config.rateLimits(), watchedRegions(config, aws),
                        aws.accounts().all().size()));
        boolean accounts = aws.accounts().configured();
        return new CostWatch(new CostWatch.Settings(cw.schedule(), cw.timezone(), cw.channel(), cw.cacheTtlMinutes(),
                cw.escalateAfter()),
                // With accounts: every account x its regions, as places (prod/eu-west-1), in one result.
                accounts ? List.of() : config.aws().regions(),
                // With costwatch.channel empty the console shows the digest; Slack has no channel to post it to.
                chat instanceof ConsoleChatPort ? config.console().channel() : "",
                trend.recording(accounts
                        ? new AccountsLeakScanner(aws, aws.accounts(), clock, listings, perAccount)
                        : perAccount.create(aws, config.aws().defaultRegion(), listings)),
                accounts ? AccountsLeakScanner.cleaner(aws, aws.accounts()) : new AwsLeakCleaner(aws),
                database, clock, chat, prices.date(), replica, freshQuota(config.rateLimits(), clock));
    }

    /** Rate limits (issue 17): how often chat may make Deckhand ask AWS again instead of its cache. */
    private static FreshQuota freshQuota(RateLimitsConfig limits, Clock clock) {
        return new FreshQuota(Duration.ofSeconds(limits.freshPerUserSeconds()),
                Duration.ofSeconds(limits.freshPerTeamSeconds()), clock);
    }

    /** The listing calls a region's scan starts at once: one per kind (EC2 instances, addresses, volumes, NAT
     *  gateways, snapshots; ELBv2 load balancers and target groups; Classic load balancers; RDS databases). */
    static final int SCAN_CALLS_PER_REGION = 9;
    /** Regions AWS enables in a new account: what a scan covers when {@code aws.regions} is left empty. */
    static final int DEFAULT_ENABLED_REGIONS = 17;
    /**
     * Most threads the default gives a scan: {@value RateLimitsConfig#DEFAULT_MAX_SCAN_CONCURRENCY} (see there).
     */
    static final int DEFAULT_MAX_SCAN_CONCURRENCY = RateLimitsConfig.DEFAULT_MAX_SCAN_CONCURRENCY;

    /**
     * AWS calls a scan keeps in flight: configured, else every listing call of every watched region at once
     * ({@value #SCAN_CALLS_PER_REGION} per region, 4 to {@value #DEFAULT_MAX_SCAN_CONCURRENCY}), so a scan is one
     * round trip deep rather than {@code calls / threads} waves (38 regions on the former 40 threads: 9 waves, 1.5 s).
     * The call budget does not make them wait: it is per (account, region, metered unit), and a region's listing
     * calls go to eight units (ELBv2's two share one), so any budget of 2 calls/s or more lets all nine start at
     * once; at 1 call/s the ninth would wait a second whatever the pool, so it gets no thread of its own.
     * The pool stays bounded: calls past it wait in the queue, and idle threads end after 30 s.
     *
     * @param regions how many regions a scan covers; 0: not configured (the account's enabled regions)
     */
    public static int scanConcurrency(RateLimitsConfig limits, int regions) {
        return scanConcurrency(limits, regions, 1);
    }

    /**
     * As {@link #scanConcurrency(RateLimitsConfig, int)} for one of {@code accounts} accounts: each account's
     * scanner has a pool of its own and a scan asks them all at once, so the default's
     * {@value #DEFAULT_MAX_SCAN_CONCURRENCY} threads are shared out between them (a configured value is per account).
     */
    static int scanConcurrency(RateLimitsConfig limits, int regions, int accounts) {
        if (limits.scanConcurrency() > 0) {
            return limits.scanConcurrency();
        }
        int perRegion = limits.awsCallsPerSecond() == 1 ? SCAN_CALLS_PER_REGION - 1 : SCAN_CALLS_PER_REGION;
        int scanned = regions > 0 ? regions : DEFAULT_ENABLED_REGIONS;
        return Math.max(4, Math.min(DEFAULT_MAX_SCAN_CONCURRENCY / Math.max(1, accounts), scanned * perRegion));
    }

    /** Regions one account's scan covers: {@code aws.regions}, else the largest account's own list; 0: not configured. */
    private static int watchedRegions(DeckhandConfig config, AwsClients aws) {
        int regions = orEmpty(config.aws().regions()).size();
        for (dev.deckhand.accounts.Account account : aws.accounts().all()) {
            regions = Math.max(regions, account.regions().size());
        }
        return regions;
    }

    static dev.deckhand.costwatch.IdleRules idleRules(dev.deckhand.app.config.CostWatchConfig cw) {
        var idle = cw.idleOrDefaults();
        return new dev.deckhand.costwatch.IdleRules(Duration.ofHours(idle.windowHoursOrDefault()), idle.cpuPercentOrDefault(),
                idle.networkMbPerDayOrDefault(), Duration.ofDays(idle.unownedAfterDaysOrDefault()));
    }

    /** aws.accounts; the clients must have been made for the same ones (they hold the STS sessions). */
    private static Accounts accounts(DeckhandConfig config, AwsClients clients) {
        Accounts accounts = config.aws().toAccounts();
        if (!clients.accounts().all().equals(accounts.all())) {
            throw new IllegalStateException("The AWS clients were made for accounts " + clients.accounts().names()
                    + ", the config has " + accounts.names());
        }
        return accounts;
    }

    static AccessPolicy accessPolicy(DeckhandConfig.Access access) {
        Map<String, RoleDefinition> roles = new HashMap<>();
        access.roles().forEach((name, rc) -> roles.put(name, new RoleDefinition(name,
                Role.byLabel(rc.base()).orElseThrow(),
                rc.commands() == null ? Set.of() : Set.copyOf(rc.commands()),
                new Limits(orEmpty(rc.regions()), orEmpty(rc.instanceTypes()), rc.maxDiskGb()))));
        return new AccessPolicy(roles, access.users() == null ? Map.of() : access.users(),
                access.channels() == null ? Map.of() : access.channels(), access.defaultRole());
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    @Override
    public void close() {
        approvals.close();
        schedules.release();
        try {
            costWatch.close();
        } catch (Exception e) {
            // closing only stops idle scan threads; nothing to report
        }
        try {
            replica.close();
        } finally {
            database.close();
        }
    }
}
