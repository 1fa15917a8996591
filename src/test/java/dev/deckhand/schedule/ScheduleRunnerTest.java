package dev.deckhand.schedule;

import dev.deckhand.aws.schedule.AwsInstanceControl;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;
import dev.deckhand.store.Database;
import dev.deckhand.store.Deliveries;
import dev.deckhand.store.Replica;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.pricing.PriceTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner against WireMock as EC2 and a real SQLite store, with a clock moved by hand. The
 * instance {@code web-1} runs weekdays 09:00-19:00 in New York (or as each test says).
 */
class ScheduleRunnerTest {

    static final String ID = "i-0web1234567890abc";

    @TempDir
    Path tempDir;

    AwsStub aws;
    Database db;
    MutableClock clock;
    RecordingChatPort chat;
    ScheduleStore store;
    ScheduleRunner runner;

    @BeforeEach
    void setUp() {
        aws = new AwsStub(1);
        db = Database.open(tempDir.resolve("deckhand.db"));
        clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
        chat = new RecordingChatPort();
        store = new ScheduleStore(db);
        runner = runner(db);
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", "<addressesSet/>")));
        aws.server.stubFor(queryAction("StopInstances").willReturn(ec2Xml("StopInstances",
                Ec2Xml.stateChange(ID, 16, 64).replace("instancesSet", "stoppingInstances"))));
        aws.server.stubFor(queryAction("StartInstances").willReturn(ec2Xml("StartInstances",
                Ec2Xml.stateChange(ID, 80, 0).replace("instancesSet", "startingInstances"))));
    }

    @AfterEach
    void tearDown() {
        db.close();
        aws.close();
    }

    private ScheduleRunner runner(Database database) {
        return new ScheduleRunner(new ScheduleStore(database), new AwsInstanceControl(aws.clients),
                new Deliveries(database, clock), new AuditLog(database), chat, clock);
    }

    private void schedule(String days, String range, String zone, Instant createdAt) {
        store.put(new Schedule(ID, "us-east-1", "web-1 (" + ID + ")", "web-1", Window.parse(days, range, zone), "C0DEV",
                "U1", createdAt, Optional.empty(), Optional.empty()));
    }

    /** EC2 answers DescribeInstances with web-1 in this state, launched (last started) then. */
    private void instance(int stateCode, Instant launchedAt) {
        Ec2Xml.Instance web = new Ec2Xml.Instance(ID, "web-1", "t3.micro", stateCode, stateCode == 16 ? "54.210.1.10" : "",
                launchedAt.toString(), java.util.Map.of(), "sg-0web1");
        aws.server.stubFor(queryAction("DescribeInstances").willReturn(ec2Xml("DescribeInstances", Ec2Xml.reservations(web))));
    }

    private void at(String instant) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(instant)));
    }

    private int calls(String action) {
        return aws.requests(action).size();
    }

    @Test
    void aStart_acrossTheDaylightSavingChange_happensAtLocal0900() {
        schedule("daily", "09:00-19:00", "America/New_York", Instant.parse("2026-03-06T12:00:00Z"));
        instance(80, Instant.parse("2026-03-06T14:00:00Z"));

        at("2026-03-09T12:59:00Z");
        assertThat(runner.runDue()).as("08:59 EDT: the latest edge is Sunday's stop; it is stopped already").isEmpty();
        assertThat(calls("StartInstances")).isZero();

        at("2026-03-09T13:00:00Z");
        assertThat(runner.runDue()).containsExactly(new RunOutcome.Started(ID));
        assertThat(calls("StartInstances")).isEqualTo(1);
        assertThat(aws.requests("StartInstances").get(0).getBodyAsString()).contains("InstanceId.1=" + ID);

        at("2026-03-09T13:01:00Z");
        assertThat(runner.runDue()).as("an edge is acted on once").isEmpty();
        assertThat(calls("StartInstances")).isEqualTo(1);
    }

    @Test
    void aStop_inNewYork_isAt1900LocalOnBothSidesOfTheChange() {
        schedule("daily", "09:00-19:00", "America/New_York", Instant.parse("2026-03-06T12:00:00Z"));
        instance(16, Instant.parse("2026-03-07T14:00:00Z"));

        at("2026-03-07T23:59:00Z");
        assertThat(runner.runDue()).as("18:59 EST").isEmpty();
        at("2026-03-08T00:00:00Z");
        assertThat(runner.runDue()).as("19:00 EST").containsExactly(new RunOutcome.Stopped(ID));

        instance(16, Instant.parse("2026-03-08T13:00:00Z"));
        at("2026-03-08T22:59:00Z");
        assertThat(runner.runDue()).as("18:59 EDT").isEmpty();
        at("2026-03-08T23:00:00Z");
        assertThat(runner.runDue()).as("19:00 EDT, an hour earlier in UTC").containsExactly(new RunOutcome.Stopped(ID));
        assertThat(calls("StopInstances")).isEqualTo(2);
    }

    @Test
    void aStopMissedWhileDown_isDoneAtTheNextRun_andAMissedStartOnlyInsideTheWindow() {
        schedule("weekdays", "09:00-19:00", "UTC", Instant.parse("2026-03-02T08:00:00Z"));
        instance(16, Instant.parse("2026-03-02T09:00:00Z"));

        at("2026-03-03T02:00:00Z");
        assertThat(runner.runDue()).as("down from Monday 18:00 until 02:00: the 19:00 stop is caught up")
                .containsExactly(new RunOutcome.Stopped(ID));

        instance(80, Instant.parse("2026-03-02T09:00:00Z"));
        at("2026-03-03T20:00:00Z");
        assertThat(runner.runDue()).as("down all Tuesday: the start was missed and the window is over").isEmpty();
        assertThat(calls("StartInstances")).isZero();

        at("2026-03-04T10:30:00Z");
        assertThat(runner.runDue()).as("Wednesday 10:30, still inside the window").containsExactly(new RunOutcome.Started(ID));
    }

    @Test
    void edgesBeforeTheScheduleWasSet_areNotActedOn() {
        schedule("weekdays", "09:00-19:00", "UTC", Instant.parse("2026-03-02T20:00:00Z"));
        instance(16, Instant.parse("2026-03-02T09:00:00Z"));

        at("2026-03-02T20:01:00Z");
        assertThat(runner.runDue()).as("set at 20:00, after the 19:00 stop: it runs until the next stop").isEmpty();
        assertThat(calls("StopInstances")).isZero();
    }

    @Test
    void aStartByHandWithinTheHour_skipsTheStop_withAMessageOfferingAnOverride() {
        schedule("weekdays", "09:00-19:00", "UTC", Instant.parse("2026-03-02T08:00:00Z"));
        instance(16, Instant.parse("2026-03-02T18:40:00Z"));

        at("2026-03-02T19:00:00Z");
        List<RunOutcome> outcomes = runner.runDue();

        assertThat(outcomes).hasSize(1).first().isInstanceOf(RunOutcome.Skipped.class);
        assertThat(calls("StopInstances")).isZero();
        assertThat(chat.ofKind("post")).hasSize(1);
        assertThat(chat.ofKind("post").get(0).target()).isEqualTo("C0DEV");
        assertThat(chat.ofKind("post").get(0).reply().plainText())
                .contains("Not stopping web-1 (" + ID + ")", "started by hand 20 minutes ago",
                        "`schedule web-1 --override-until 21:00`");
        AuditEntry row = new AuditLog(db).latest(1).get(0);
        assertThat(row.userId()).isEqualTo(ScheduleRunner.ACTOR);
        assertThat(row.detail()).isEqualTo("stop skipped: started by hand 20 minutes ago");

        store.overrideUntil(ID, Instant.parse("2026-03-02T21:00:00Z"));
        at("2026-03-02T21:00:00Z");
        assertThat(runner.runDue()).as("the override's end is a stop of its own").containsExactly(new RunOutcome.Stopped(ID));
    }

    @Test
    void deckhandsOwnStart_isNotTakenForAStartByHand() {
        schedule("weekdays", "09:00-10:00", "UTC", Instant.parse("2026-03-02T08:00:00Z"));
        instance(80, Instant.parse("2026-02-27T09:00:00Z"));
        at("2026-03-02T09:00:00Z");
        assertThat(runner.runDue()).containsExactly(new RunOutcome.Started(ID));

        instance(16, Instant.parse("2026-03-02T09:00:30Z"));
        at("2026-03-02T10:00:00Z");
        assertThat(runner.runDue()).as("launched 59 minutes ago, by Deckhand").containsExactly(new RunOutcome.Stopped(ID));
    }

    @Test
    void aTerminatedInstance_isNotStarted_andItsScheduleIsRemoved() {
        schedule("weekdays", "09:00-19:00", "UTC", Instant.parse("2026-03-02T08:00:00Z"));
        instance(48, Instant.parse("2026-03-02T09:00:00Z"));

        at("2026-03-03T09:00:00Z");
        assertThat(runner.runDue()).containsExactly(new RunOutcome.Removed(ID));
        assertThat(store.get(ID)).isEmpty();
        assertThat(chat.ofKind("post").get(0).reply().plainText()).contains("was terminated", "will not start it");

        at("2026-03-04T09:00:00Z");
        assertThat(runner.runDue()).isEmpty();
        assertThat(calls("StartInstances")).isZero();
        assertThat(chat.ofKind("post")).hasSize(1);
    }

    @Test
    void anAwsFailure_isPostedAndAudited() {
        schedule("weekdays", "09:00-19:00", "UTC", Instant.parse("2026-03-02T08:00:00Z"));
        instance(16, Instant.parse("2026-03-02T09:00:00Z"));
        aws.server.stubFor(queryAction("StopInstances").willReturn(AwsStub.ec2Error(403, "UnauthorizedOperation", "no")));

        at("2026-03-02T19:00:00Z");
        assertThat(runner.runDue()).hasSize(1).first().isInstanceOf(RunOutcome.Failed.class);
        assertThat(chat.ofKind("post").get(0).reply().plainText()).contains("could not stop web-1", "ec2:StopInstances");
        assertThat(new AuditLog(db).latest(1).get(0).outcome()).isEqualTo(AuditEntry.Outcome.FAILED);
    }

    /** Two replicas on one store, each with its own connection, replica id and runner: one stop between them. */
    @Test
    void twoReplicas_stopOnce() {
        schedule("weekdays", "09:00-19:00", "UTC", Instant.parse("2026-03-02T08:00:00Z"));
        instance(16, Instant.parse("2026-03-02T09:00:00Z"));
        PriceTable prices = PriceTable.load(Path.of("config/prices.yml"));
        try (Database second = Database.open(tempDir.resolve("deckhand.db"))) {
            Schedules one = new Schedules(new AwsInstanceControl(aws.clients), db, new AuditLog(db), chat, prices, clock,
                    ZoneId.of("UTC"), new Replica(db, clock, "replica-a", Duration.ofSeconds(60)));
            Schedules two = new Schedules(new AwsInstanceControl(aws.clients), second, new AuditLog(second), chat, prices,
                    clock, ZoneId.of("UTC"), new Replica(second, clock, "replica-b", Duration.ofSeconds(60)));
            at("2026-03-02T19:00:00Z");

            List<RunOutcome> a = one.tickAsTeam();
            List<RunOutcome> b = two.tickAsTeam();

            assertThat(a).containsExactly(new RunOutcome.Stopped(ID));
            assertThat(b).isEmpty();
            assertThat(calls("StopInstances")).isEqualTo(1);

            // Without the lease (it expired mid-minute), the edge's claim in the store still decides.
            assertThat(runner(second).runDue()).isEmpty();
            assertThat(calls("StopInstances")).isEqualTo(1);
        }
    }
}
