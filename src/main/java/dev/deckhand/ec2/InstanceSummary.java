package dev.deckhand.ec2;

import java.time.Instant;

/**
 * One instance as {@code ec2 list} shows it.
 *
 * @param id         {@code i-...}
 * @param name       the {@code Name} tag, empty when untagged
 * @param type       instance type, e.g. {@code t3.micro}
 * @param state      lifecycle state
 * @param publicIp   current public IPv4 address, empty when none
 * @param elasticIp  whether that address is an Elastic IP (it survives stop/start)
 * @param launchedAt when it was launched (last started, for EC2)
 * @param owner      the {@code deckhand:owner} tag, empty when not launched by Deckhand
 * @param region     where it lives
 */
public record InstanceSummary(String id, String name, String type, InstanceState state, String publicIp,
                              boolean elasticIp, Instant launchedAt, String owner, String region) {

    public InstanceSummary {
        name = name == null ? "" : name;
        publicIp = publicIp == null ? "" : publicIp;
        owner = owner == null ? "" : owner;
    }

    /** The name when it has one, else the id: what people call it. */
    public String displayName() {
        return name.isEmpty() ? id : name;
    }

    /** {@code web-1 (i-0abc)} or just the id. */
    public String label() {
        return name.isEmpty() ? id : name + " (" + id + ")";
    }
}
