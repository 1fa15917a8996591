package dev.deckhand.slack;

import dev.deckhand.access.Role;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.store.StoreTarget;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.EmbeddedPostgresServer;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.deckhand.slack.SlackStub.responseUrlRequested;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas behind a load balancer, each a Slack adapter on its own port with its own Deckhand, on
 * one PostgreSQL: Slack's retry of a slash command, or a double click, landing on the other replica
 * runs nothing there.
 */
class SlackReplicasTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path temp;

    private final List<String> runs = new CopyOnWriteArrayList<>();

    private CommandSpec probe(String replica) {
        return CommandSpec.command("probe").usage("probe [label]").description("Test probe").example("probe a")
                .role(Role.DEPLOYER).args(0, 1).handledBy(context -> {
                    runs.add(replica + ":" + context.request().text());
                    return Reply.inChannel("probed on " + replica);
                });
    }

    @Test
    void retryOrDoubleClick_landingOnTheOtherReplica_runsOnce() throws Exception {
        StoreTarget target = EmbeddedPostgresServer.freshDatabase();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        SlackSettings settings = SlackStub.SIGNED_HTTP;
        Map<String, String> env = Map.of("DECKHAND_STORE_URL", target.url());
        try (SlackStub slack = new SlackStub(); AwsStub aws = new AwsStub();
             SlackAdapter adapterA = SlackAdapter.create(settings, slack.slack, clock);
             SlackAdapter adapterB = SlackAdapter.create(settings, slack.slack, clock);
             Deckhand a = TestDeckhand.start(temp.resolve("a"), aws.clients, clock, adapterA.chatPort(), env);
             Deckhand b = TestDeckhand.start(temp.resolve("b"), aws.clients, clock, adapterB.chatPort(), env)) {
            a.registry().register(probe("A"));
            b.registry().register(probe("B"));
            a.router().dispatch(new CommandRequest("console", "console", "grant UDEP deployer", CommandRequest.Origin.CONSOLE));
            adapterA.start(a.router(), a.checker(), a::regionOf, a.deliveryGuard(settings.duplicateWindow()));
            adapterB.start(b.router(), b.checker(), b::regionOf, b.deliveryGuard(settings.duplicateWindow()));

            String command = slack.slashBody("UDEP", "C1", "probe retried", "t-rep");
            HttpResponse<String> first = slack.send(adapterA.port(), command, NOW);
            HttpResponse<String> retry = slack.send(adapterB.port(), command, NOW);
            String click = slack.clickBody("UDEP", "C1", "probe clicked", "1700.9", "c-rep");
            slack.send(adapterB.port(), click, NOW);
            slack.send(adapterA.port(), click, NOW);
            slack.send(adapterB.port(), click, NOW);
            // Each replica's single worker runs in order: once these fences are answered, a queued duplicate would have run.
            slack.send(adapterA.port(), slack.slashBody("UDEP", "C1", "probe fenceA", "t-fenceA"), NOW);
            slack.send(adapterB.port(), slack.slashBody("UDEP", "C1", "probe fenceB", "t-fenceB"), NOW);
            assertThat(slack.await(responseUrlRequested("t-fenceA"), 1)).hasSize(1);
            assertThat(slack.await(responseUrlRequested("t-fenceB"), 1)).hasSize(1);
            assertThat(slack.await(responseUrlRequested("t-rep"), 1)).as("one result, from A").hasSize(1);
            assertThat(slack.await(responseUrlRequested("c-rep"), 2)).as("working + result, once").hasSize(2);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).as("a duplicate is acknowledged with nothing").isEmpty();
            assertThat(runs).filteredOn(r -> r.endsWith("probe retried")).containsExactly("A:probe retried");
            assertThat(runs).filteredOn(r -> r.endsWith("probe clicked")).containsExactly("B:probe clicked");
        }
    }
}
