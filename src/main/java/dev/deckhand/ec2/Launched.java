package dev.deckhand.ec2;

/**
 * EC2's answer to a launch.
 *
 * @param instanceId the new (or, for a repeated token, the earlier) instance
 * @param state      its state, normally pending
 */
public record Launched(String instanceId, InstanceState state) { }
