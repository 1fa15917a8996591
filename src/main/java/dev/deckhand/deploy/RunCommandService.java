package dev.deckhand.deploy;

import java.util.List;
import java.util.Optional;

/** SSM Run Command in product terms. */
public interface RunCommandService {

    /**
     * @param status Pending, InProgress, Delayed, Success, Cancelled, TimedOut, Failed, ...
     * @param exitCode the script's exit code, -1 while running
     */
    record Invocation(String status, int exitCode, String output, String error) {
        public boolean isDone() {
            return !List.of("Pending", "InProgress", "Delayed").contains(status);
        }
    }

    /** Runs shell commands on one instance; returns the command id. */
    String run(String region, String instanceId, List<String> commands, String comment);

    /** The invocation's state; empty just after sending, before SSM has registered it. */
    Optional<Invocation> invocation(String region, String commandId, String instanceId);
}
