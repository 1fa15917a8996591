package dev.deckhand.command;

import dev.deckhand.accounts.Account;
import dev.deckhand.accounts.Accounts;
import dev.deckhand.accounts.CallerScope;
import dev.deckhand.validate.UsageException;
import dev.deckhand.access.Decision;
import dev.deckhand.access.Authorizer;
import dev.deckhand.access.PlanPolicy;
import dev.deckhand.access.Role;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.PlanJson;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The one path every command takes, whoever sent it: parse, pick the region (a watched one), ask the
 * permission checker whether this role may run the command at all, and then
 * <ul>
 *   <li>for a read, run its handler;</li>
 *   <li>for a change, make its plan, show it ({@code --dry-run}), have the {@link PlanPolicy} judge
 *       it, send it to approval or apply it, and audit the plan with the outcome.</li>
 * </ul>
 * Every failure becomes a reply a person can act on. An approved request runs through
 * {@link #dispatchApproved}: planned again, and applied only when the new plan pins the same
 * resources in the same state as the approved one.
 */
public final class CommandRouter {

    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

    private final CommandParser parser;
    private final Authorizer checker;
    private final PlanPolicy policy;
    private final RegionGuard regions;
    private final Function<String, String> channelRegion;
    private final AuditLog audit;
    private final Clock clock;
    private final ApprovalGate gate;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> beforeCommands = new CopyOnWriteArrayList<>();
    private volatile Accounts accounts = Accounts.none();
    private volatile Function<String, Optional<String>> channelAccount = channel -> Optional.empty();

    /**
     * What came of running a command: the reply, whether the handler finished without an error, and whether
     * it stopped part-way ({@link PartlyApplied}: some of the plan happened; then {@code summary} says what is
     * left and how to resume).
     */
    public record Execution(Reply reply, boolean succeeded, boolean partial, String summary) {
        public Execution(Reply reply, boolean succeeded) {
            this(reply, succeeded, false, "");
        }
    }

    /**
     * @param checker       whether a role may run a command at all
     * @param policy        what a plan may do: now, after approval, or not at all
     * @param regions       which regions may be named
     * @param channelRegion the default region of a channel (stored, else configured)
     * @param gate          where held plans go
     */
    public CommandRouter(CommandRegistry registry, Authorizer checker, PlanPolicy policy, RegionGuard regions,
                         Function<String, String> channelRegion, AuditLog audit, Clock clock, ApprovalGate gate) {
        this.parser = new CommandParser(registry);
        this.checker = checker;
        this.policy = policy;
        this.regions = regions;
        this.channelRegion = channelRegion;
        this.audit = audit;
        this.clock = clock;
        this.gate = gate;
    }

    /**
     * Works across the accounts of {@code aws.accounts}: every command takes {@code --account <name>}, else
     * acts in the channel's account ({@code channelAccount}), else the first configured; it runs as
     * {@link CallerScope} of that account and the user, is checked against the user's role there, and its
     * audit row, plan and approval name the account with the region ({@code prod/eu-west-1}).
     */
    public void useAccounts(Accounts accounts, Function<String, Optional<String>> channelAccount) {
        this.accounts = accounts;
        this.channelAccount = channelAccount;
    }

    /** The configured accounts (none: one implicit account). */
    public Accounts accounts() {
        return accounts;
    }

    /**
     * The account a command acts in: {@code --account}, else the channel's, else the first configured; empty
     * without accounts.
     *
     * @throws UsageException for an account that is not configured, or --account without accounts
     */
    public String accountFor(ParseResult.Parsed parsed, String channelId) {
        Optional<String> named = parsed.args().flag(CommandParser.ACCOUNT);
        Optional<String> placed = parsed.args().flag("region").filter(r -> r.contains("/"))
                .map(r -> r.substring(0, r.indexOf('/')));
        if (named.isPresent() && placed.isPresent() && !placed.get().equals(named.get())) {
            throw new UsageException("--account " + named.get() + " and --region " + parsed.args().flag("region").get()
                    + " name two accounts.", "Give one: --region " + named.get() + "/<region>, or --account and a plain region.");
        }
        if (named.or(() -> placed).isPresent()) {
            return accounts.require(named.or(() -> placed).get()).name();
        }
        if (!accounts.configured()) {
            return "";
        }
        return channelAccount.apply(channelId).flatMap(accounts::find).or(accounts::defaultAccount).orElseThrow().name();
    }

    /**
     * With accounts: {@code --region} must be watched in the account; without it, the channel's region when the
     * account watches it, else the account's default region.
     */
    private String regionFor(ParseResult.Parsed parsed, String channelId, String accountName) {
        Optional<Account> account = accounts.find(accountName);
        if (account.isEmpty()) {
            return regionFor(parsed, channelId);
        }
        Account in = account.get();
        // prod/eu-west-1, as replies and findings show a place, is read as --account prod --region eu-west-1.
        Optional<String> named = parsed.args().flag("region").map(r -> r.substring(r.indexOf('/') + 1))
                .map(Regions::requireValid);
        if (named.isPresent()) {
            if (!in.watches(named.get())) {
                throw new UsageException("Deckhand does not work in region '" + named.get() + "' of account " + in.name() + ".",
                        "Watched there: " + String.join(", ", in.regions()) + " (aws.accounts in config). For example: --region "
                                + in.defaultRegion());
            }
            return named.get();
        }
        String channel = channelRegion.apply(channelId);
        return in.watches(channel) ? channel : in.defaultRegion();
    }

    /** Runs {@code listener} after every change that was applied (e.g. to drop cached scans). */
    public void onSuccessfulChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Runs {@code hook} before every parsed command (e.g. to drop caches another replica made stale). */
    public void beforeEachCommand(Runnable hook) {
        beforeCommands.add(hook);
    }

    /** Parses without running: adapters use it to answer usage errors at once and to word the ack. */
    public ParseResult parse(String text) {
        return parser.parse(text);
    }

    /** The region a command would act in, checked against the watched ones. */
    public String regionFor(ParseResult.Parsed parsed, String channelId) {
        return parsed.args().flag("region").map(regions::require).orElseGet(() -> channelRegion.apply(channelId));
    }

    public Reply dispatch(CommandRequest request) {
        return dispatch(request, Progress.NONE);
    }

    public Reply dispatch(CommandRequest request, Progress progress) {
        return run(request, progress, null).reply();
    }

    /**
     * Runs a change that was held for approval and has now been approved: parsed, region-checked and
     * permission-checked again as the requester (a role taken away meanwhile still stops it), planned
     * again, and applied only if the new plan's pin equals {@code approvedPin}. Only the approval
     * feature calls this, with what it stored; chat input never reaches it.
     *
     * @param approvalId  the approved request: the plan's id (idempotency tokens) and the audit row's approval
     * @param approvedPin {@link Plan#pin()} of the plan that was approved
     */
    public Execution dispatchApproved(CommandRequest request, String approvalId, String approvedPin, Progress progress) {
        return run(request, progress, new Approved(approvalId, approvedPin));
    }

    private record Approved(String id, String pin) { }

    private Execution run(CommandRequest request, Progress progress, Approved approved) {
        ParseResult result = parser.parse(request.text());
        if (result instanceof ParseResult.Invalid invalid) {
            return new Execution(UsageReplies.invalid(invalid), false);
        }
        ParseResult.Parsed parsed = (ParseResult.Parsed) result;
        beforeCommands.forEach(Runnable::run);
        CommandSpec spec = parsed.spec();
        String account;
        String region;
        try {
            account = accountFor(parsed, request.channelId());
            region = regionFor(parsed, request.channelId(), account);
        } catch (UsageException e) {
            return new Execution(UsageReplies.usage(spec, e), false);
        }
        // Every AWS call from here on is made in that account, with the STS session of this user (and approval).
        CallerScope.Caller caller = new CallerScope.Caller(account, request.userId(), approved == null ? "" : approved.id());
        return CallerScope.call(caller, () -> run(request, progress, approved, parsed, region));
    }

    private Execution run(CommandRequest request, Progress progress, Approved approved, ParseResult.Parsed parsed,
                          String region) {
        CommandSpec spec = parsed.spec();
        String account = CallerScope.currentAccount();
        Decision allowed = checker.check(request.userId(), request.channelId(), account, spec.name(), spec.requiredRole());
        if (allowed instanceof Decision.Denied denied) {
            if (approved == null && spec.mutating() && parsed.args().has("dry-run") && mayRead(request, account)) {
                return dryRunBeyondRole(request, progress, parsed, region, denied);
            }
            // Every refusal by role is audited, a read's too (a viewer's `approve` is a decision attempt).
            record(request, region, List.of(), AuditEntry.Outcome.DENIED, denied.reason(), approved, null);
            return new Execution(notAllowed(denied), false);
        }
        String planId = approved == null ? PlanIds.next() : approved.id();
        CommandContext context = new CommandContext(request, spec, parsed.args(), region, progress, new Touched(), planId);
        if (!spec.mutating()) {
            return read(context);
        }
        return change(context, approved);
    }

    /** A dry run only reads, so whoever may read may see the plan of a command their role may not run. */
    private boolean mayRead(CommandRequest request, String account) {
        return checker.check(request.userId(), request.channelId(), account, "--dry-run", Role.VIEWER)
                instanceof Decision.Allowed;
    }

    /**
     * The plan of a command the user's role may not run: shown with why they may not, and what the policy would
     * decide for the least role that may. Nothing is applied, no approval is asked for and nothing is audited,
     * as for any dry run.
     */
    private Execution dryRunBeyondRole(CommandRequest request, Progress progress, ParseResult.Parsed parsed,
                                       String region, Decision.Denied denied) {
        CommandSpec spec = parsed.spec();
        CommandContext context = new CommandContext(request, spec, parsed.args(), region, progress, new Touched(),
                PlanIds.next());
        Plan plan;
        try {
            plan = spec.change().plan(context);
        } catch (RuntimeException e) {
            return new Execution(failure(context, e, null, null), false);
        }
        if (plan.isEmpty()) {
            return new Execution(Reply.ephemeral(String.join("\n", plan.notes())), true);
        }
        Optional<Decision> forRole = checker.actorHolding(request.userId(), spec.requiredRole())
                .map(actor -> policy.decide(plan, actor));
        return new Execution(PlanReplies.dryRunBeyondRole(request.text(), plan, denied, spec.requiredRole(), forRole), true);
    }

    private Execution read(CommandContext context) {
        try {
            return new Execution(context.spec().handler().handle(context), true);
        } catch (RuntimeException e) {
            return new Execution(failure(context, e, null, null), false);
        }
    }

    private Execution change(CommandContext context, Approved approved) {
        CommandSpec spec = context.spec();
        CommandRequest request = context.request();
        Plan plan;
        try {
            plan = spec.change().plan(context);
        } catch (RuntimeException e) {
            return new Execution(failure(context, e, approved, null), false);
        }
        if (approved != null && !plan.changesSince(approved.pin()).isEmpty()) {
            return new Execution(changedSinceApproval(context, approved, plan), false);
        }
        if (plan.isEmpty()) {
            return new Execution(Reply.ephemeral(String.join("\n", plan.notes())), true);
        }
        Decision decision = policy.decide(plan, checker.actor(request.userId(), request.channelId(),
                CallerScope.currentAccount()));
        if (context.dryRun()) {
            return new Execution(PlanReplies.dryRun(request.text(), plan, decision), true);
        }
        if (decision instanceof Decision.Denied denied) {
            record(context, plan, AuditEntry.Outcome.DENIED, denied.reason(), approved);
            return new Execution(notAllowed(denied), false);
        }
        if (decision instanceof Decision.NeedsApproval needs && approved == null) {
            return new Execution(requestApproval(context, plan, needs), false);
        }
        return apply(context, plan, approved);
    }

    private Execution apply(CommandContext context, Plan plan, Approved approved) {
        try {
            Reply reply = context.spec().change().apply(context, plan);
            record(context, plan, AuditEntry.Outcome.SUCCEEDED, prefix(approved) + firstLine(reply), approved);
            changeListeners.forEach(Runnable::run);
            return new Execution(reply, true);
        } catch (PartlyApplied partly) {
            record(context, plan, AuditEntry.Outcome.PARTIAL, prefix(approved) + partly.summary(), approved);
            changeListeners.forEach(Runnable::run);
            return new Execution(partly.reply(), false, true, partly.summary());
        } catch (RuntimeException e) {
            return new Execution(failure(context, e, approved, plan), false);
        }
    }

    private Reply requestApproval(CommandContext context, Plan plan, Decision.NeedsApproval needs) {
        // The plan's region, not the context's: a change may act where its resource is (leaks cleanup acts in
        // the finding's region), and the approved run must plan there again.
        String pinned = PinnedCommand.of(context.spec(), context.args(), plan.region(), CallerScope.currentAccount());
        try {
            return gate.requestApproval(context.request(), pinned, plan, needs.reasons());
        } catch (RuntimeException e) {
            String ref = ref();
            log.error("Approval request failed for '{}' from {} (ref {})", context.spec().name(), context.user(), ref, e);
            return Reply.builder().header("Something went wrong")
                    .body("`" + context.spec().name() + "` could not be sent for approval (ref " + ref + "); nothing was run. "
                            + "The details are in Deckhand's log.").build();
        }
    }

    private Reply changedSinceApproval(CommandContext context, Approved approved, Plan now) {
        List<String> differences = now.changesSince(approved.pin());
        String detail = "changed since approval: " + String.join("; ", differences);
        record(context, now, AuditEntry.Outcome.DENIED, prefix(approved) + detail, approved);
        return Reply.builder().header("Not run: changed since it was approved")
                .body("What `" + context.request().text() + "` would do now is not what was approved, so nothing was run.")
                .line(String.join("\n", differences.stream().map(d -> "• " + d).toList()))
                .context("Look again (`--dry-run` shows the plan now) and ask again if it is still wanted.").build();
    }

    /** Turns an exception from a handler, plan or apply into a reply, auditing failed changes. */
    private Reply failure(CommandContext context, RuntimeException e, Approved approved, Plan plan) {
        CommandSpec spec = context.spec();
        if (e instanceof UsageException usage) {
            return UsageReplies.usage(spec, usage);
        }
        boolean audited = spec.mutating() && !context.dryRun();
        if (e instanceof UserFacingException facing) {
            if (audited) {
                record(context, plan, AuditEntry.Outcome.FAILED, prefix(approved) + facing.getMessage(), approved);
            }
            return Reply.builder().header("Could not " + spec.name()).body(facing.getMessage()).build();
        }
        String ref = ref();
        log.error("Command '{}' from {} failed (ref {})", spec.name(), context.user(), ref, e);
        if (audited) {
            record(context, plan, AuditEntry.Outcome.FAILED, prefix(approved) + "internal error, ref " + ref, approved);
        }
        return Reply.builder().header("Something went wrong")
                .body("`" + spec.name() + "` failed unexpectedly (ref " + ref + "). The details are in Deckhand's log; "
                        + "nothing else was changed after the failure.")
                .build();
    }

    /** @param plan null when the failure came before there was one */
    private void record(CommandContext context, Plan plan, AuditEntry.Outcome outcome, String detail, Approved approved) {
        List<String> resources = new java.util.ArrayList<>(plan == null ? List.of()
                : plan.resourceIds().stream().filter(id -> !id.startsWith("new:")).toList());
        context.touched().ids().stream().filter(id -> !resources.contains(id)).forEach(resources::add);
        record(context.request(), plan == null ? context.region() : plan.region(), resources, outcome, detail, approved,
                plan == null ? null : PlanJson.write(plan));
    }

    private void record(CommandRequest request, String region, List<String> resources, AuditEntry.Outcome outcome,
                        String detail, Approved approved, String planJson) {
        audit.record(new AuditEntry(clock.instant(), request.userId(), request.channelId(), request.text(),
                accounts.label(CallerScope.currentAccount(), region),
                resources, outcome, detail, approved == null ? "" : approved.id(), planJson));
    }

    private static Reply notAllowed(Decision.Denied denied) {
        return Reply.builder().header("Not allowed").body(denied.reason()).build();
    }

    private static String prefix(Approved approved) {
        return approved == null ? "" : "approved request " + approved.id() + ": ";
    }

    private static String ref() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String firstLine(Reply reply) {
        String text = reply.header().isEmpty() ? reply.body() : reply.header();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
