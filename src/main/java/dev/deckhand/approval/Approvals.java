package dev.deckhand.approval;

import dev.deckhand.access.PermissionChecker;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.command.ApprovalGate;
import dev.deckhand.command.CommandRouter;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.store.AuditLog;
import dev.deckhand.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The approval feature, assembled: the gate the router asks after the permission check, the
 * {@code approvals/approve/deny/cancel} commands, the expiry sweep and restart recovery. Build it,
 * give {@link #gate()} to the router, then {@link #attach} the router (approved requests run through it).
 */
public final class Approvals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Approvals.class);

    private final ApprovalStore store;
    private final ApprovalRequester requester;
    private final ApprovalExecutor executor;
    private final ApprovalCommands commands;
    private final ApprovalHousekeeping housekeeping;
    private ScheduledExecutorService sweeper;

    public Approvals(ApprovalSettings settings, Database db, PermissionChecker checker,
                     AuditLog audit, ChatPort chat, Clock clock) {
        this.store = new ApprovalStore(db);
        ApprovalNotices notices = new ApprovalNotices(chat, settings);
        this.requester = new ApprovalRequester(settings, store, chat, audit, clock);
        this.executor = new ApprovalExecutor(store, notices, clock);
        ApprovalDecider decider = new ApprovalDecider(settings, store, executor, notices, checker, audit, clock);
        this.housekeeping = new ApprovalHousekeeping(store, decider, notices, audit, clock);
        this.commands = new ApprovalCommands(store, decider, housekeeping, settings);
    }

    public ApprovalGate gate() {
        return requester;
    }

    public List<CommandSpec> commands() {
        return commands.specs();
    }

    /** Hands over the router approved requests run through; call once, right after building it. */
    public void attach(CommandRouter router) {
        executor.attach(router);
    }

    public ApprovalStore store() {
        return store;
    }

    /** Expires pending requests whose time is up and closes their cards. @return how many */
    public int expireDue() {
        return housekeeping.expireDue();
    }

    /**
     * At start: requests left approved or running by a stopped process are marked interrupted and
     * reported on their cards; never re-run. Pending ones stay pending with their expiry.
     */
    public List<ApprovalRequest> recoverAfterRestart() {
        return housekeeping.recoverAfterRestart();
    }

    /** Runs {@link #expireDue} every {@code periodSeconds} on a daemon thread, until {@link #close}. */
    public synchronized void startExpirySweep(long periodSeconds) {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "approval-expiry");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                expireDue();
            } catch (RuntimeException e) {
                log.warn("Approval expiry sweep failed; retrying next period", e);
            }
        }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
    }
}
