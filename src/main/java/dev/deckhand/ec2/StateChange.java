package dev.deckhand.ec2;

/**
 * What EC2 answered to start, stop or terminate.
 *
 * @param instanceId the instance
 * @param previous   its state before
 * @param current    its state now (usually a transition such as {@code stopping})
 */
public record StateChange(String instanceId, InstanceState previous, InstanceState current) { }
