package dev.deckhand.schedule;

import dev.deckhand.ec2.InstanceState;

import java.time.Instant;

/**
 * An instance as the schedule sees it.
 *
 * @param launchedAt when it was last started (EC2 sets the launch time again at each start)
 * @param owner      its {@code deckhand:owner} tag, empty when none
 * @param stack      its {@code deckhand:stack} tag, empty when none
 * @param schedule   its {@code deckhand:schedule} tag, empty when none
 */
public record ScheduledInstance(String id, String name, String type, InstanceState state, String publicIp,
                                boolean elasticIp, Instant launchedAt, String owner, String stack, String schedule,
                                String region) {

    public String label() {
        return name == null || name.isEmpty() ? id : name + " (" + id + ")";
    }

    /** Gone for good, or going: nothing to start or stop any more. */
    public boolean gone() {
        return state == InstanceState.TERMINATED || state == InstanceState.SHUTTING_DOWN;
    }
}
