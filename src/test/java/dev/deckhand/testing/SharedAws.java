package dev.deckhand.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Consumer;

/**
 * One {@link AwsStub} per test class: starting WireMock per test costs more than the tests, so it starts
 * once; before each test its stubs and journal are reset and the class's standing answers put back
 * (before the class's own {@code @BeforeEach}, which adds its stubs on top). Register it as
 * {@code @RegisterExtension static final SharedAws aws = new SharedAws(1, LeakFixtures::twoRegions);}
 * and use {@link #stub()} in tests.
 */
public final class SharedAws implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final int maxAttempts;
    private final Consumer<AwsStub> standingAnswers;
    private AwsStub aws;

    /** A stub with no answers until a test adds them; the SDK tries each call {@code maxAttempts} times. */
    public SharedAws(int maxAttempts) {
        this(maxAttempts, aws -> { });
    }

    /** A stub that answers with {@code standingAnswers} at the start of every test. */
    public SharedAws(int maxAttempts, Consumer<AwsStub> standingAnswers) {
        this.maxAttempts = maxAttempts;
        this.standingAnswers = standingAnswers;
    }

    /** The running stub; only between the class's start and end. */
    public AwsStub stub() {
        if (aws == null) {
            throw new IllegalStateException("SharedAws is not started; register it with @RegisterExtension on a static field");
        }
        return aws;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        aws = new AwsStub(maxAttempts);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        aws.server.resetAll();
        standingAnswers.accept(aws);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        aws.close();
        aws = null;
    }
}
