package dev.deckhand.network;

import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Target;

import java.util.List;

/**
 * What the networking commands need to know about one EC2 instance.
 *
 * @param name             its {@code Name} tag, empty if none
 * @param state            running, stopped, terminated, ...
 * @param publicIp         empty when it has none
 * @param stack            its {@code deckhand:stack} tag, empty if none
 * @param owner            its {@code deckhand:owner} tag, empty if none
 * @param launchTime       when it was launched (ISO-8601), empty if unknown
 * @param app              its {@code deckhand:app} tag (the app kind {@code ec2 launch --app} installed), empty if none
 */
public record InstanceRef(String id, String name, String state, String type, String publicIp, String privateIp,
                          String vpcId, String subnetId, String availabilityZone, List<String> securityGroupIds,
                          String stack, String owner, String launchTime, String app) {

    public InstanceRef {
        securityGroupIds = List.copyOf(securityGroupIds);
        owner = owner == null ? "" : owner;
        launchTime = launchTime == null ? "" : launchTime;
        app = app == null ? "" : app;
    }

    /** An instance without a {@code deckhand:app} tag. */
    public InstanceRef(String id, String name, String state, String type, String publicIp, String privateIp,
                       String vpcId, String subnetId, String availabilityZone, List<String> securityGroupIds,
                       String stack, String owner, String launchTime) {
        this(id, name, state, type, publicIp, privateIp, vpcId, subnetId, availabilityZone, securityGroupIds, stack, owner,
                launchTime, "");
    }

    /** As a plan names it: by id, with its owner and stack, fingerprinted by launch time and state. */
    public Target target(String region) {
        return new Target(Kind.INSTANCE, id, region, Owner.of(owner), stack, label(), "launched " + launchTime + ", " + state);
    }

    /** {@code web-1 (i-0abc)} or just the id. */
    public String label() {
        return name.isEmpty() ? id : name + " (" + id + ")";
    }
}
