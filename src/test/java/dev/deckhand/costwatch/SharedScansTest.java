package dev.deckhand.costwatch;

import com.github.tomakehurst.wiremock.global.GlobalSettings;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.SharedAws;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 through the whole app (router, permission check, cost watch, AWS over WireMock): scans asked
 * for together share one AWS round, and {@code --fresh} past its quota is answered from the cache.
 */
class SharedScansTest {

    private static final Map<String, String> TWO_REGIONS = Map.of("DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1");

    @TempDir
    Path temp;

    @RegisterExtension
    static final SharedAws sharedAws = new SharedAws(1, LeakFixtures::twoRegions);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    private Deckhand start(String name) {
        return TestDeckhand.start(temp.resolve(name), sharedAws.stub().clients, clock, new RecordingChatPort(), TWO_REGIONS);
    }

    private int awsCalls() {
        return sharedAws.stub().server.getAllServeEvents().size();
    }

    @Test
    void fiftyConcurrentFreshScans_fromDifferentUsers_costOneScansWorthOfCalls_andAllGetTheAnswer() throws Exception {
        int oneScan;
        try (Deckhand alone = start("alone")) {
            TestDeckhand.run(alone, "U0ALONE", "C0DEPLOY", "leaks --fresh");
            oneScan = awsCalls();
        }
        assertThat(oneScan).isGreaterThanOrEqualTo(12); // 2 regions x every kind; the first scan of a process
        sharedAws.stub().server.resetRequests();
        // Slow AWS: the first round is still running when the other 49 arrive.
        sharedAws.stub().server.updateGlobalSettings(GlobalSettings.builder().fixedDelay(1500).build());
        ExecutorService users = Executors.newFixedThreadPool(50);
        try (Deckhand deckhand = start("fifty")) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                String user = "U0USER" + i;
                replies.add(users.submit(() -> {
                    go.await();
                    return TestDeckhand.run(deckhand, user, "C0DEPLOY", "leaks --fresh");
                }));
            }
            go.countDown();
            List<Reply> answers = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                answers.add(reply.get());
            }

            assertThat(awsCalls()).isEqualTo(oneScan);
            assertThat(answers).hasSize(50).allSatisfy(a -> {
                assertThat(a.header()).isEqualTo("Cost leaks: $84.04/month in 2 regions");
                assertThat(a.body()).isEqualTo(answers.get(0).body());
            });
            assertThat(answers).filteredOn(a -> a.plainText().contains("Shared: another request was scanning the same "
                    + "regions; this is its answer (no AWS calls of its own).")).hasSize(49);
        } finally {
            users.shutdownNow();
            sharedAws.stub().server.updateGlobalSettings(GlobalSettings.builder().build());
        }
    }

    @Test
    void freshOverTheUsersLimit_isAnsweredFromTheCache_withItsAge_andNoAwsCall() {
        try (Deckhand deckhand = start("limits")) {
            TestDeckhand.run(deckhand, "U0ALICE", "C0DEPLOY", "leaks --fresh");
            int calls = awsCalls();
            clock.advance(Duration.ofSeconds(35));

            Reply limited = TestDeckhand.run(deckhand, "U0ALICE", "C0DEPLOY", "leaks --fresh");

            assertThat(awsCalls()).isEqualTo(calls);
            assertThat(limited.header()).isEqualTo("Cost leaks: $84.04/month in 2 regions");
            assertThat(limited.plainText()).contains("`--fresh` is limited to one full scan per person every 1 min and "
                    + "one per team every 10 s. This is Deckhand's cached answer, asked 35 s ago. A fresh scan is "
                    + "possible in 25 s.");

            clock.advance(Duration.ofSeconds(25));
            TestDeckhand.run(deckhand, "U0ALICE", "C0DEPLOY", "leaks --fresh");
            assertThat(awsCalls()).isEqualTo(2 * calls);
        }
    }

    @Test
    void freshRightAfterSomeoneElses_isLimitedByTheTeamQuota_andSaysSo() {
        try (Deckhand deckhand = start("team")) {
            TestDeckhand.run(deckhand, "U0ALICE", "C0DEPLOY", "leaks --fresh");
            int calls = awsCalls();
            clock.advance(Duration.ofSeconds(4));

            Reply limited = TestDeckhand.run(deckhand, "U0BOB", "C0OTHER", "leaks --fresh");

            assertThat(awsCalls()).isEqualTo(calls);
            assertThat(limited.plainText()).contains("one per team every 10 s (someone else just scanned). This is "
                    + "Deckhand's cached answer, asked 4 s ago. A fresh scan is possible in 6 s.");
        }
    }

    @Test
    void freshOfOneRegion_costsItsShareOfTheQuota() {
        try (Deckhand deckhand = start("share")) {
            TestDeckhand.run(deckhand, "U0ALICE", "C0DEPLOY", "leaks --fresh --region eu-west-1");
            int calls = awsCalls();
            clock.advance(Duration.ofSeconds(31)); // half of the minute: one of two regions

            TestDeckhand.run(deckhand, "U0ALICE", "C0DEPLOY", "leaks --fresh --region eu-west-1");

            assertThat(awsCalls()).isGreaterThan(calls);
        }
    }

    @Test
    void plainLeaks_isNeverLimited_andAnswersFromTheCache() {
        try (Deckhand deckhand = start("plain")) {
            TestDeckhand.run(deckhand, "U0ALICE", "C0DEPLOY", "leaks --fresh");
            int calls = awsCalls();

            Reply cached = TestDeckhand.run(deckhand, "U0ALICE", "C0DEPLOY", "leaks");

            assertThat(awsCalls()).isEqualTo(calls);
            assertThat(cached.plainText()).doesNotContain("is limited").doesNotContain("Shared:");
        }
    }
}
