package dev.deckhand.approval;

import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.SharedAws;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Base of the approval tests that run on an {@link ApprovalRig}: one WireMock for the class (reset per
 * test), and per test a rig with the default approval settings, no cost estimate and the clock at
 * {@link #START}, closed after it. Subclasses add their stubs in their own {@code @BeforeEach} (JUnit runs
 * this class's first) and may swap {@link #rig} for one with other settings.
 */
abstract class ApprovalRigTest {

    static final Instant START = Instant.parse("2026-11-25T13:00:00Z");

    @RegisterExtension
    static final SharedAws sharedAws = new SharedAws(3);

    @TempDir
    Path temp;
    ApprovalRig rig;
    AwsStub aws;

    @BeforeEach
    void startRig() {
        aws = sharedAws.stub();
        rig = rig(ApprovalSettings.defaults());
    }

    @AfterEach
    void closeRig() {
        rig.close();
    }

    /** A rig on this test's database with {@code settings}, no cost estimate, the clock at {@link #START}. */
    ApprovalRig rig(ApprovalSettings settings) {
        return new ApprovalRig(temp.resolve("deckhand.db"), settings, new MutableClock(START), aws);
    }
}
