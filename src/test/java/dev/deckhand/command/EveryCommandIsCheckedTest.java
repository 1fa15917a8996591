package dev.deckhand.command;

import dev.deckhand.access.Actor;
import dev.deckhand.access.Authorizer;
import dev.deckhand.access.Decision;
import dev.deckhand.access.PlanPolicy;
import dev.deckhand.access.Policies;
import dev.deckhand.access.Role;
import dev.deckhand.plan.Plan;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import dev.deckhand.store.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves, for every command the real app registers, that the router asks the authorizer first and
 * that a "no" stops it before the handler.
 */
class EveryCommandIsCheckedTest {

    @TempDir
    Path temp;

    @Test
    void everyRegisteredCommand_whenAuthorizerDenies_neverReachesItsHandler() {
        try (AwsStub aws = new AwsStub();
             Deckhand deckhand = TestDeckhand.start(temp, aws.clients, Clock.systemUTC(), new RecordingChatPort(), Map.of())) {
            AtomicInteger handled = new AtomicInteger();
            CommandRegistry spied = new CommandRegistry();
            List<String> checked = new ArrayList<>();
            Change spy = new Change() {
                @Override
                public Plan plan(CommandContext context) {
                    handled.incrementAndGet();
                    return context.nothingToDo("planned");
                }

                @Override
                public Reply apply(CommandContext context, Plan plan) {
                    handled.incrementAndGet();
                    return Reply.ephemeral("ran");
                }
            };
            for (CommandSpec spec : deckhand.registry().all()) {
                spied.register(spec.mutating() ? spec.withChange(spy) : spec.withHandler(c -> {
                            handled.incrementAndGet();
                            return Reply.ephemeral("ran");
                        }));
            }
            Authorizer denyAll = new Authorizer() {
                @Override
                public Decision check(String userId, String channelId, String command, Role requiredRole) {
                    checked.add(command);
                    return new Decision.Denied("no");
                }

                @Override
                public Actor actor(String userId, String channelId) {
                    throw new AssertionError("no plan may be judged after a denial");
                }
            };
            CommandRouter router = new CommandRouter(spied, denyAll, new PlanPolicy(Policies.SETTINGS),
                    RegionGuard.SPELLING_ONLY, c -> "us-east-1", new AuditLog(deckhand.database()), Clock.systemUTC(),
                    ApprovalGate.NONE);

            for (CommandSpec spec : deckhand.registry().all()) {
                String text = spec.name() + " x".repeat(spec.minArgs());
                Reply reply = router.dispatch(new CommandRequest("U1", "C1", text, CommandRequest.Origin.SLASH_COMMAND));
                assertThat(reply.header()).as(text).isEqualTo("Not allowed");
            }
            assertThat(handled).hasValue(0);
            assertThat(checked).containsExactlyElementsOf(deckhand.registry().all().stream().map(CommandSpec::name).toList());
        }
    }
}
