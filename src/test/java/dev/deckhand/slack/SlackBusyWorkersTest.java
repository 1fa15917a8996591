package dev.deckhand.slack;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acknowledgement of a deferred command never waits for the work after it: with every worker stuck in a
 * slow command, further commands are still acknowledged at once ("Working on ...", queued), {@code /healthz}
 * answers, and once the workers are free every queued command runs and its result reaches response_url.
 */
class SlackBusyWorkersTest {

    @TempDir
    static Path dir;

    private static final int WORKERS = 2;
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final CountDownLatch started = new CountDownLatch(WORKERS);
    private static SlackRig rig;

    @BeforeAll
    static void start() throws Exception {
        SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help"), WORKERS, Duration.ZERO,
                Duration.ofSeconds(60), SlackStub.BOT_TOKEN, Optional.of(SlackStub.SIGNING_SECRET), Optional.empty());
        rig = new SlackRig(dir, settings, Clock.systemUTC(), d -> d.registry().register(CommandSpec.command("hold")
                .usage("hold").description("Test: holds its worker until released").example("hold").role(Role.VIEWER)
                .args(0, 0).handledBy(context -> {
                    started.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Reply.ephemeral("held and released");
                })));
    }

    @AfterAll
    static void stop() throws Exception {
        release.countDown();
        rig.close();
    }

    @Test
    void deferredCommands_areAcknowledgedAtOnce_whileEveryWorkerIsBusy() throws Exception {
        for (int i = 0; i < WORKERS; i++) {
            assertThat(send("busy-" + i).body()).contains("Working on");
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).as("both workers are inside the slow command").isTrue();

        int queued = 20;
        long slowest = 0;
        for (int i = 0; i < queued; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> ack = send("queued-" + i);
            slowest = Math.max(slowest, System.nanoTime() - t0);
            assertThat(ack.statusCode()).isEqualTo(200);
            assertThat(ack.body()).contains("Working on").doesNotContain("busy");
        }
        // Slack gives up after 3 s; an ack that waited for a worker would take the 30 s the workers are held.
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(2));
        assertThat(rig.slack.responseUrlPosts()).as("nothing ran past the held workers").isZero();

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rig.slack.responseUrlPosts() < WORKERS + queued && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(rig.slack.responseUrlPosts()).as("every queued command ran and was answered").isEqualTo(WORKERS + queued);
    }

    private static HttpResponse<String> send(String trigger) {
        return rig.slack.send(rig.adapter.port(), rig.slack.slashBody("UVIEW", "C1", "hold", trigger), Instant.now());
    }
}
