package dev.deckhand.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Base of the EC2 wire tests: a fresh {@link Ec2WireFixture} (whole Deckhand on WireMock, three regions,
 * fixed clock) per test, closed after it. Subclasses add their stubs on {@link #f} in their own
 * {@code @BeforeEach} (JUnit runs this class's first).
 */
abstract class Ec2WireTest {

    @TempDir
    Path tempDir;
    Ec2WireFixture f;

    @BeforeEach
    void startFixture() {
        f = new Ec2WireFixture(tempDir);
    }

    @AfterEach
    void closeFixture() {
        f.close();
    }
}
