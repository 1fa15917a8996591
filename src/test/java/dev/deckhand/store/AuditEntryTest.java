package dev.deckhand.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEntryTest {

    @Test
    void aRefusedCommandOfAHundredKilobytes_isKeptAsABoundedPrefix_withItsLength() {
        String pasted = "ec2 launch " + "a".repeat(100_000);

        AuditEntry entry = new AuditEntry(Instant.EPOCH, "U1", "C1", pasted, "us-east-1", List.of(),
                AuditEntry.Outcome.DENIED, "not allowed");

        assertThat(entry.command()).hasSize(AuditEntry.MAX_COMMAND).startsWith("ec2 launch aaaa")
                .endsWith(" … (100011 characters; the rest not kept)");
        // Read back, it stays as it was.
        assertThat(new AuditEntry(Instant.EPOCH, "U1", "C1", entry.command(), "us-east-1", List.of(),
                AuditEntry.Outcome.DENIED, "not allowed").command()).isEqualTo(entry.command());
    }
}
