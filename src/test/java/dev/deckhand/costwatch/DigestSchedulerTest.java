package dev.deckhand.costwatch;

import dev.deckhand.chat.Button;
import dev.deckhand.store.Database;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule, snooze, keep and escalation with a clock moved by hand and a scanner that needs no AWS. */
class DigestSchedulerTest {

    private static final LeakKey EIP_0A = new LeakKey("eip", "us-east-1", "eipalloc-0a");

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:58:00Z")); // a Monday
    private final RecordingChatPort chat = new RecordingChatPort();
    private final List<Leak> leaks = new CopyOnWriteArrayList<>();
    private Database db;
    private CostWatch costWatch;

    private final LeakScanner scanner = new LeakScanner() {
        @Override
        public List<String> enabledRegions() {
            return List.of("us-east-1", "eu-west-1");
        }

        @Override
        public CompletableFuture<RegionOutcome> scan(String region) {
            if (region.equals("eu-west-1")) {
                return CompletableFuture.completedFuture(new RegionOutcome.Failed(region, "Region eu-west-1 is not enabled."));
            }
            return CompletableFuture.completedFuture(new RegionOutcome.Scanned(region, List.copyOf(leaks), Duration.ZERO));
        }
    };

    @BeforeEach
    void start() {
        db = Database.open(temp.resolve("d.db"));
        costWatch = new CostWatch(new CostWatch.Settings("0 9 * * MON-FRI", "UTC", "C0COST", 10, 2),
                List.of(), "console", scanner, (noun, id, region) -> "done", db, clock, chat, "2026-11-01");
        leaks.add(eip("eipalloc-0a", "U0ALICE", "assoc-none"));
        leaks.add(volume("vol-0b", "unknown"));
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private Leak eip(String id, String owner, String fingerprint) {
        return Leak.of(LeakKind.ELASTIC_IP, id, "", "us-east-1", owner, null, clock.instant(),
                "not attached to a running instance", new BigDecimal("3.65"), fingerprint);
    }

    private Leak volume(String id, String owner) {
        return Leak.of(LeakKind.VOLUME, id, "", "us-east-1", owner, Instant.parse("2026-11-13T09:00:00Z"), clock.instant(),
                "100 GB gp3", new BigDecimal("8.00"), "100|gp3");
    }

    private boolean tickAt(String time) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(time)));
        return costWatch.scheduler().tick();
    }

    @Test
    void digest_isPostedAtTheScheduledMinuteOnly() {
        assertThat(tickAt("2026-11-23T08:59:00Z")).isFalse();
        assertThat(chat.sent).isEmpty();

        assertThat(tickAt("2026-11-23T09:00:05Z")).isTrue();
        assertThat(tickAt("2026-11-23T09:00:40Z")).isFalse(); // same minute: once

        assertThat(chat.ofKind("post")).singleElement().satisfies(s -> {
            assertThat(s.target()).isEqualTo("C0COST");
            assertThat(s.reply().header()).isEqualTo("Cost watch: $11.65/month estimated waste");
            assertThat(s.reply().body()).isEqualTo("""
                    2 findings need a decision (details in the thread), 2 in all across 1 region.
                    • us-east-1: $11.65/month
                    :warning: eu-west-1 was not scanned: Region eu-west-1 is not enabled.
                    <@U0ALICE>: 1 finding, $3.65/month
                    no owner tag: 1 finding, $8.00/month""");
        });
        assertThat(chat.ofKind("thread")).extracting(s -> s.reply().body()).containsExactly(
                "*Elastic IP* eipalloc-0a in us-east-1, $3.65/month: Elastic IP not attached to a running instance for less than an hour",
                "*Unattached volume* vol-0b in us-east-1, $8.00/month: Volume (100 GB gp3) not attached to any instance; created 9 days ago");
        assertThat(chat.ofKind("thread").get(0).reply().buttons()).extracting(Button::label, Button::command).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Clean up", "leaks cleanup eip eipalloc-0a --region us-east-1"),
                org.assertj.core.groups.Tuple.tuple("Snooze 1 day", "leaks snooze eipalloc-0a 1d --region us-east-1"),
                org.assertj.core.groups.Tuple.tuple("Snooze 7 days", "leaks snooze eipalloc-0a 7d --region us-east-1"),
                org.assertj.core.groups.Tuple.tuple("Keep", "leaks keep eipalloc-0a \"kept from the digest\" --region us-east-1"));
        assertThat(chat.ofKind("dm")).singleElement().satisfies(s -> {
            assertThat(s.target()).isEqualTo("U0ALICE");
            assertThat(s.reply().header()).isEqualTo("Your AWS resources that keep billing: $3.65/month");
            assertThat(s.reply().body()).isEqualTo("• *Elastic IP* eipalloc-0a in us-east-1, $3.65/month: "
                    + "Elastic IP not attached to a running instance for less than an hour");
            assertThat(s.reply().buttons()).extracting(Button::label).containsExactly("Clean up eipalloc-0a",
                    "Snooze 1 day eipalloc-0a", "Snooze 7 days eipalloc-0a", "Keep eipalloc-0a");
        });
        assertThat(tickAt("2026-11-27T09:00:00Z")).isTrue();  // Friday
        assertThat(tickAt("2026-11-28T09:00:00Z")).isFalse(); // Saturday
    }

    @Test
    void aLateTick_stillFiresTheMissedMinute() {
        assertThat(tickAt("2026-11-23T09:02:00Z")).isTrue();
    }

    @Test
    void aTickLongAfterTheMinute_doesNotPostAStaleDigest() {
        assertThat(tickAt("2026-11-23T11:00:00Z")).isFalse();
    }

    @Test
    void sameFinding_isNotRepeatedWithinADay() {
        costWatch.digest().run();
        clock.advance(Duration.ofHours(3));
        chat.sent.clear();

        DigestPlan plan = costWatch.digest().run();

        assertThat(plan.items()).isEmpty();
        assertThat(plan.recent()).isEqualTo(2);
        assertThat(chat.ofKind("post")).singleElement().satisfies(s -> assertThat(s.reply().context())
                .contains("Not shown: 0 kept, 0 snoozed, 2 already shown in the last day."));
        assertThat(chat.ofKind("thread")).isEmpty();
    }

    @Test
    void snoozed_staysOutUntilTheSnoozeEnds() {
        costWatch.digest().run();
        costWatch.reminders().snooze(EIP_0A, clock.instant().plus(Duration.ofDays(7)));

        clock.advance(Duration.ofDays(1));
        assertThat(costWatch.digest().run().items()).extracting(i -> i.leak().id()).containsExactly("vol-0b");
        clock.advance(Duration.ofDays(6));
        assertThat(costWatch.digest().run().items()).extracting(i -> i.leak().id()).contains("eipalloc-0a");
    }

    @Test
    void kept_staysOutUntilTheResourceChanges() {
        costWatch.digest().run();
        costWatch.reminders().keep(EIP_0A, "U0ALICE", "demo on Friday", "assoc-none", clock.instant());

        clock.advance(Duration.ofDays(1));
        DigestPlan quiet = costWatch.digest().run();
        assertThat(quiet.items()).extracting(i -> i.leak().id()).containsExactly("vol-0b");
        assertThat(quiet.kept()).isEqualTo(1);

        leaks.set(0, eip("eipalloc-0a", "U0ALICE", "i-0other|stopped"));
        clock.advance(Duration.ofDays(1));
        DigestPlan changed = costWatch.digest().run();
        assertThat(changed.items()).extracting(i -> i.leak().id()).contains("eipalloc-0a");
        assertThat(changed.keepsEnded()).containsExactly(EIP_0A);
        assertThat(costWatch.reminders().find(EIP_0A).orElseThrow().keptBy()).isNull();
    }

    @Test
    void unansweredFinding_isEscalatedAfterTheConfiguredDigests() {
        costWatch.digest().run();
        clock.advance(Duration.ofDays(1));
        assertThat(costWatch.digest().run().items()).noneMatch(DigestPlan.Item::escalate);
        clock.advance(Duration.ofDays(1));
        chat.sent.clear();

        DigestPlan third = costWatch.digest().run();

        assertThat(third.items()).allMatch(DigestPlan.Item::escalate);
        assertThat(chat.ofKind("post").get(0).reply().body()).contains(
                ":rotating_light: <@U0ALICE>, unanswered for 2 digests: eipalloc-0a. Clean up, snooze or keep them.");
        assertThat(chat.ofKind("thread").get(0).reply().body()).startsWith(":rotating_light: *Elastic IP* eipalloc-0a");
    }

    @Test
    void snoozing_answersTheFinding_soEscalationStartsOver() {
        costWatch.digest().run();
        clock.advance(Duration.ofDays(1));
        costWatch.digest().run();
        costWatch.reminders().snooze(EIP_0A, clock.instant().plus(Duration.ofDays(1)));
        clock.advance(Duration.ofDays(1));

        DigestPlan plan = costWatch.digest().run();

        assertThat(plan.items()).filteredOn(i -> i.leak().id().equals("eipalloc-0a")).singleElement()
                .satisfies(i -> assertThat(i.escalate()).isFalse());
    }

    @Test
    void digest_whenRegionsCannotBeListed_saysSoInTheChannel() {
        LeakScanner broken = new LeakScanner() {
            @Override
            public List<String> enabledRegions() {
                throw new dev.deckhand.command.UserFacingException("Deckhand found no AWS credentials. Set AWS_PROFILE.");
            }

            @Override
            public CompletableFuture<RegionOutcome> scan(String region) {
                throw new AssertionError("no region to scan");
            }
        };
        CostWatch watch = new CostWatch(new CostWatch.Settings("0 9 * * MON-FRI", "UTC", "", 10, 2),
                List.of(), "console", broken, (noun, id, region) -> "done", db, clock, chat, "2026-11-01");

        watch.digest().run();

        assertThat(chat.ofKind("post")).singleElement().satisfies(s -> {
            assertThat(s.target()).isEqualTo("console");
            assertThat(s.reply().header()).isEqualTo("Cost watch could not scan");
            assertThat(s.reply().body()).isEqualTo("Deckhand found no AWS credentials. Set AWS_PROFILE.");
        });
    }

    @Test
    void aDigestShowsAtMost25Findings_theMostExpensive_andSaysTheRestWait() {
        leaks.clear();
        for (int i = 0; i < 30; i++) {
            leaks.add(Leak.of(LeakKind.VOLUME, "vol-" + (100 + i), "", "us-east-1", "unknown", null, clock.instant(),
                    (i + 1) + " GB gp3", new BigDecimal(i + 1), "f"));
        }

        DigestPlan plan = costWatch.digest().run();

        assertThat(plan.items()).hasSize(25).noneMatch(i -> i.leak().monthlyCost().intValue() <= 5);
        assertThat(plan.heldBack()).isEqualTo(5);
        assertThat(chat.ofKind("thread")).hasSize(25);
        assertThat(chat.ofKind("post").get(0).reply().body())
                .contains("5 cheaper findings wait for the next digest; `leaks` lists everything.");
        assertThat(costWatch.reminders().find(new LeakKey("volume", "us-east-1", "vol-100")).orElseThrow().lastReminded()).isNull();
    }

    @Test
    void startSchedule_runsOneDaemonTimer_thatCloseStops() throws Exception {
        // Other tests' Deckhands may still be winding down their timers: look only at threads new here.
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        costWatch.startSchedule();
        costWatch.startSchedule();

        List<Thread> timers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("costwatch-schedule") && !before.contains(t)).toList();
        assertThat(timers).singleElement().satisfies(t -> assertThat(t.isDaemon()).isTrue());

        costWatch.close();
        timers.get(0).join(5_000);
        assertThat(timers.get(0).isAlive()).isFalse();
    }

    @Test
    void digest_withoutAChannel_postsNothing() {
        CostWatch nowhere = new CostWatch(new CostWatch.Settings("0 9 * * MON-FRI", "UTC", "", 10, 2),
                List.of(), "", scanner, (noun, id, region) -> "done", db, clock, chat, "2026-11-01");

        nowhere.digest().run();

        assertThat(chat.sent).isEmpty();
    }
}
