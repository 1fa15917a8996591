package dev.deckhand.schedule;

/** What the runner did about one scheduled instance at one edge. */
public sealed interface RunOutcome {

    String instanceId();

    record Stopped(String instanceId) implements RunOutcome { }

    record Started(String instanceId) implements RunOutcome { }

    /** A stop not done: started by hand within the hour, or kept running by an override. */
    record Skipped(String instanceId, String why) implements RunOutcome { }

    /** The instance is terminated or gone: its schedule was removed and nothing was started. */
    record Removed(String instanceId) implements RunOutcome { }

    record Failed(String instanceId, String why) implements RunOutcome { }
}
