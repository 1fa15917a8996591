package dev.deckhand.ec2;

import java.util.Arrays;
import java.util.Optional;

/**
 * An instance's lifecycle state. EC2 reports a code whose low byte is the state (the high byte is
 * internal), so {@link #fromCode} masks it.
 */
public enum InstanceState {
    PENDING(0, "pending"),
    RUNNING(16, "running"),
    SHUTTING_DOWN(32, "shutting-down"),
    TERMINATED(48, "terminated"),
    STOPPING(64, "stopping"),
    STOPPED(80, "stopped"),
    UNKNOWN(-1, "unknown");

    private final int code;
    private final String label;

    InstanceState(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static InstanceState fromCode(int rawCode) {
        int masked = rawCode & 0xFF;
        return Arrays.stream(values()).filter(s -> s.code == masked).findFirst().orElse(UNKNOWN);
    }

    /** Reads what users type after {@code --state}. */
    public static Optional<InstanceState> byLabel(String label) {
        return Arrays.stream(values()).filter(s -> s != UNKNOWN && s.label.equalsIgnoreCase(label)).findFirst();
    }

    /** Whether the instance still exists in a form that costs money or can be started again. */
    public boolean isAlive() {
        return this != TERMINATED && this != UNKNOWN;
    }
}
