package dev.deckhand.ec2;

import dev.deckhand.network.ElasticIp;

import java.util.List;

/**
 * EC2 in Deckhand's terms. The implementation talks to AWS; failures arrive as
 * {@link dev.deckhand.command.UserFacingException}s whose text says what to do.
 */
public interface Ec2Service {

    /** Regions Deckhand works in: the configured list, else the account's enabled regions. */
    List<String> enabledRegions();

    /** Instances in a region, terminated ones included (EC2 keeps them for about an hour). */
    List<InstanceSummary> list(String region);

    /** Instances whose id or {@code Name} tag is {@code nameOrId}; terminated ones only when asked by id. */
    List<InstanceSummary> find(String region, String nameOrId);

    /** Details of one instance: security-group rules, volumes, Elastic IPs, tags. */
    InstanceDetails describe(String region, String instanceId);

    /** Resolves an alias through SSM public parameters, or checks an {@code ami-...} id; either way reads the image. */
    Ami resolveAmi(String region, String aliasOrId);

    /** The image for an instance type: an alias picks the type's architecture (arm64 for Graviton). */
    default Ami resolveAmi(String region, String aliasOrId, String instanceType) {
        return resolveAmi(region, aliasOrId);
    }

    /** Key pair names in a region, sorted. */
    List<String> keyPairs(String region);

    /** The security group of that name in the region, if there is one (what a launch would reuse). */
    java.util.Optional<ExistingGroup> securityGroupNamed(String region, String name);

    /** Adds inbound rules to an existing group by id; a rule it already has is not an error. */
    void addIngress(String region, String groupId, List<dev.deckhand.network.IngressRule> rules);

    /** Creates the group, or reuses one of the same name and adds the rules it lacks. */
    SecurityGroupResult ensureSecurityGroup(SecurityGroupRequest request);

    /** Removes a group Deckhand just created when the launch it was for failed, so nothing is left half-done. */
    void deleteSecurityGroup(String region, String groupId);

    /** Runs one instance; the order's client token makes a repeat return the same instance. */
    Launched launch(LaunchOrder order);

    StateChange start(String region, String instanceId);

    StateChange stop(String region, String instanceId);

    void reboot(String region, String instanceId);

    StateChange terminate(String region, String instanceId);

    /** Elastic IPs associated with the instance. */
    List<ElasticIp> addressesOf(String region, String instanceId);
}
