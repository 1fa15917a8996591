package dev.deckhand.schedule;

import java.util.List;
import java.util.Optional;

/** What schedules need from EC2. The implementation talks to AWS; failures are UserFacingExceptions. */
public interface InstanceControl {

    /**
     * The live (not terminated) instances that {@code nameOrIdOrStack} names: an instance id, a
     * {@code Name} tag, or every instance of that {@code deckhand:stack}.
     */
    List<ScheduledInstance> find(String region, String nameOrIdOrStack);

    /** One instance by id, terminated ones included; empty when EC2 no longer knows it. */
    Optional<ScheduledInstance> byId(String region, String instanceId);

    void start(String region, String instanceId);

    void stop(String region, String instanceId);

    /** Sets the {@code deckhand:schedule} tag (for people looking in the AWS console). */
    void tagSchedule(String region, List<String> instanceIds, String value);

    /** Removes the {@code deckhand:schedule} tag. */
    void untagSchedule(String region, List<String> instanceIds);
}
