package dev.deckhand.approval;

import dev.deckhand.access.AccessPolicy;
import dev.deckhand.access.Limits;
import dev.deckhand.access.PermissionChecker;
import dev.deckhand.access.PlanPolicy;
import dev.deckhand.access.Role;
import dev.deckhand.access.RoleDefinition;
import dev.deckhand.aws.FakeEc2Commands;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandRegistry;
import dev.deckhand.command.CommandRouter;
import dev.deckhand.command.RegionGuard;
import dev.deckhand.store.AuditLog;
import dev.deckhand.store.Database;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The approval feature wired exactly as Deckhand wires it (permission checker with approvable limits,
 * {@link Approvals} as the router's gate), around a test registry holding the fake EC2 commands, so
 * these tests do not depend on the EC2 feature. Users: U_DEP deployer, U_ADMIN/U_ADMIN2/U_ADMIN3
 * admins, anyone else a viewer.
 */
final class ApprovalRig implements AutoCloseable {

    static final String CHANNEL = "C0TEAM";

    final Database db;
    final AuditLog audit;
    final RecordingChatPort chat = new RecordingChatPort();
    final MutableClock clock;
    final Approvals approvals;
    final CommandRouter router;
    final FakeEc2Commands ec2;

    ApprovalRig(Path dbFile, ApprovalSettings settings, MutableClock clock, AwsStub aws) {
        this.clock = clock;
        this.db = Database.open(dbFile);
        this.audit = new AuditLog(db);
        Limits deployerLimits = new Limits(List.of("us-east-1", "eu-west-1"), List.of("t3.micro", "t3.small"), 30);
        AccessPolicy policy = new AccessPolicy(Map.of(
                "viewer", new RoleDefinition("viewer", Role.VIEWER, Set.of(), Limits.none()),
                "deployer", new RoleDefinition("deployer", Role.DEPLOYER, Set.of(), deployerLimits),
                "admin", new RoleDefinition("admin", Role.ADMIN, Set.of(), Limits.none())),
                Map.of("U_DEP", "deployer", "U_ADMIN", "admin", "U_ADMIN2", "admin", "U_ADMIN3", "admin"),
                Map.of(), "viewer");
        PermissionChecker checker = new PermissionChecker(policy, new SqliteGrantStore(db, clock));
        this.approvals = new Approvals(settings, db, checker, audit, chat, clock);
        CommandRegistry registry = new CommandRegistry();
        this.ec2 = new FakeEc2Commands(aws.clients);
        registry.registerAll(ec2.specs());
        registry.registerAll(approvals.commands());
        this.router = new CommandRouter(registry, checker, new PlanPolicy(settings.policy()),
                RegionGuard.watched("us-east-1", () -> List.of("us-east-1", "eu-west-1", "ap-south-1")), channel -> "us-east-1", audit,
                clock, approvals.gate());
        approvals.attach(router);
        approvals.recoverAfterRestart();
    }

    Reply run(String user, String text) {
        return router.dispatch(new CommandRequest(user, CHANNEL, text, CommandRequest.Origin.CONSOLE));
    }

    /** The request id a "needs approval" reply names. */
    static String requestId(Reply reply) {
        var m = java.util.regex.Pattern.compile("\\(request ([a-z0-9]{8})\\)").matcher(reply.body());
        if (!m.find()) {
            throw new AssertionError("not a needs-approval reply: " + reply.plainText());
        }
        return m.group(1);
    }

    ApprovalRequest request(String id) {
        return approvals.store().find(id).orElseThrow();
    }

    @Override
    public void close() {
        approvals.close();
        db.close();
    }
}
