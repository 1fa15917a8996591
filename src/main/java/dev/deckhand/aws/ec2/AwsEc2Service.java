package dev.deckhand.aws.ec2;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.InstanceQuery;
import dev.deckhand.aws.network.AwsElasticIps;
import dev.deckhand.network.ElasticIp;
import dev.deckhand.ec2.Ami;
import dev.deckhand.ec2.Ec2Service;
import dev.deckhand.ec2.InstanceDetails;
import dev.deckhand.ec2.InstanceState;
import dev.deckhand.ec2.InstanceSummary;
import dev.deckhand.ec2.LaunchOrder;
import dev.deckhand.ec2.Launched;
import dev.deckhand.ec2.SecurityGroupRequest;
import dev.deckhand.ec2.SecurityGroupResult;
import dev.deckhand.ec2.StateChange;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.Region;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@link Ec2Service} on the AWS SDK v2: one call per step, each through {@link Ec2Errors} with its IAM
 * action. Launch-side work (AMI, security group, RunInstances) lives in {@link AmiAliases} and
 * {@link Ec2Launcher}.
 */
public final class AwsEc2Service implements Ec2Service {

    private static final List<String> ALIVE = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    private final AwsClients aws;
    private final List<String> configuredRegions;
    private final String homeRegion;
    private final AmiAliases amis;
    private final Ec2Launcher launcher;
    private final AtomicReference<List<String>> accountRegions = new AtomicReference<>();

    /**
     * @param configuredRegions {@code aws.regions}; empty to ask AWS which regions are enabled
     * @param homeRegion        where DescribeRegions is asked (the configured default region)
     */
    public AwsEc2Service(AwsClients aws, List<String> configuredRegions, String homeRegion) {
        this.aws = aws;
        this.configuredRegions = List.copyOf(configuredRegions);
        this.homeRegion = homeRegion;
        this.amis = new AmiAliases(aws);
        this.launcher = new Ec2Launcher(aws, this::keyPairs);
    }

    @Override
    public List<String> enabledRegions() {
        if (aws.accounts().configured()) {
            return aws.watchedRegions(); // the current account's
        }
        if (!configuredRegions.isEmpty()) {
            return configuredRegions;
        }
        // The account's regions change rarely (opting in takes an admin); asking once per process is enough.
        return accountRegions.updateAndGet(known -> known != null ? known
                : Ec2Errors.call("ec2:DescribeRegions", homeRegion,
                        () -> ec2(homeRegion).describeRegions().regions().stream().map(Region::regionName).sorted().toList()));
    }

    @Override
    public List<InstanceSummary> list(String region) {
        List<Instance> all = Ec2Errors.call("ec2:DescribeInstances", region, () -> instances(region, List.of()));
        if (all.isEmpty()) {
            return List.of();
        }
        List<Address> addresses = Ec2Errors.call("ec2:DescribeAddresses", region, () -> ec2(region)
                .describeAddresses(r -> { }).addresses());
        return InstanceSummaries.of(all, addresses, region);
    }

    @Override
    public List<InstanceSummary> find(String region, String nameOrId) {
        // Asked by id, a terminated instance is still shown (EC2 keeps it for about an hour); by name, live ones only.
        List<Instance> found = Ec2Errors.call("ec2:DescribeInstances", region, () -> InstanceQuery.byIdOrName(ec2(region),
                nameOrId, InstanceQuery.isInstanceId(nameOrId) ? List.of() : ALIVE));
        if (found.isEmpty()) {
            return List.of();
        }
        Set<String> eips = elasticIps(region, found.stream().map(Instance::instanceId).toList());
        return found.stream().map(i -> Ec2Mapping.summary(i, region, eips)).toList();
    }

    @Override
    public InstanceDetails describe(String region, String instanceId) {
        Instance instance = Ec2Errors.call("ec2:DescribeInstances", region,
                () -> instances(region, List.of(Filter.builder().name("instance-id").values(instanceId).build())))
                .stream().findFirst()
                .orElseThrow(() -> new dev.deckhand.command.UserFacingException("Instance " + instanceId
                        + " was not found in " + region + "."));
        var groups = groupsOf(region, instance);
        var volumes = Ec2Errors.call("ec2:DescribeVolumes", region, () -> ec2(region)
                .describeVolumes(r -> r.filters(Filter.builder().name("attachment.instance-id").values(instanceId).build()))
                .volumes().stream().map(v -> Ec2Mapping.volume(v, instanceId)).toList());
        List<ElasticIp> eips = addressesOf(region, instanceId);
        Set<String> eipAddresses = eips.stream().map(ElasticIp::publicIp).collect(Collectors.toSet());
        return new InstanceDetails(Ec2Mapping.summary(instance, region, eipAddresses), instance.privateIpAddress(),
                instance.imageId(), instance.keyName() == null ? "" : instance.keyName(),
                instance.placement() == null ? "" : instance.placement().availabilityZone(),
                groups, volumes, eips, Ec2Mapping.tags(instance.tags()));
    }

    /**
     * The instance's groups with their rules. A group deleted since (common after a terminate: teardown
     * removes the group, the terminated instance still names it) is listed as gone rather than failing the
     * whole answer: asked by id, EC2 refuses every group when one is missing (InvalidGroup.NotFound);
     * asked through the group-id filter, it answers the ones that still exist.
     */
    private List<dev.deckhand.ec2.SecurityGroup> groupsOf(String region, Instance instance) {
        List<String> groupIds = instance.securityGroups().stream().map(g -> g.groupId()).toList();
        if (groupIds.isEmpty()) {
            return List.of();
        }
        Map<String, dev.deckhand.ec2.SecurityGroup> found = Ec2Errors.call("ec2:DescribeSecurityGroups", region, () -> {
            try {
                return ec2(region).describeSecurityGroups(r -> r.groupIds(groupIds)).securityGroups();
            } catch (AwsServiceException e) {
                if (e.awsErrorDetails() == null || !"InvalidGroup.NotFound".equals(e.awsErrorDetails().errorCode())) {
                    throw e;
                }
                return ec2(region).describeSecurityGroups(r -> r.filters(Filter.builder().name("group-id")
                        .values(groupIds).build())).securityGroups();
            }
        }).stream().map(Ec2Mapping::securityGroup)
                .collect(Collectors.toMap(dev.deckhand.ec2.SecurityGroup::id, g -> g, (a, b) -> a));
        return instance.securityGroups().stream().map(g -> found.getOrDefault(g.groupId(),
                dev.deckhand.ec2.SecurityGroup.gone(g.groupId(), g.groupName() == null ? "" : g.groupName()))).toList();
    }

    @Override
    public Ami resolveAmi(String region, String aliasOrId) {
        return amis.resolve(region, aliasOrId);
    }

    @Override
    public Ami resolveAmi(String region, String aliasOrId, String instanceType) {
        return amis.resolveFor(region, aliasOrId, instanceType);
    }

    @Override
    public List<String> keyPairs(String region) {
        return Ec2Errors.call("ec2:DescribeKeyPairs", region, () -> ec2(region).describeKeyPairs().keyPairs().stream()
                .map(k -> k.keyName()).sorted().toList());
    }

    @Override
    public SecurityGroupResult ensureSecurityGroup(SecurityGroupRequest request) {
        return launcher.ensureSecurityGroup(request);
    }

    @Override
    public java.util.Optional<dev.deckhand.ec2.ExistingGroup> securityGroupNamed(String region, String name) {
        return launcher.securityGroupNamed(region, name);
    }

    @Override
    public void addIngress(String region, String groupId, List<dev.deckhand.network.IngressRule> rules) {
        launcher.addIngress(region, groupId, rules);
    }

    @Override
    public void deleteSecurityGroup(String region, String groupId) {
        Ec2Errors.call("ec2:DeleteSecurityGroup", region, () -> ec2(region).deleteSecurityGroup(r -> r.groupId(groupId)));
    }

    @Override
    public Launched launch(LaunchOrder order) {
        return launcher.launch(order);
    }

    @Override
    public StateChange start(String region, String instanceId) {
        return change(Ec2Errors.call("ec2:StartInstances", region,
                () -> ec2(region).startInstances(r -> r.instanceIds(instanceId)).startingInstances()), instanceId);
    }

    @Override
    public StateChange stop(String region, String instanceId) {
        return change(Ec2Errors.call("ec2:StopInstances", region,
                () -> ec2(region).stopInstances(r -> r.instanceIds(instanceId)).stoppingInstances()), instanceId);
    }

    @Override
    public void reboot(String region, String instanceId) {
        Ec2Errors.call("ec2:RebootInstances", region, () -> ec2(region).rebootInstances(r -> r.instanceIds(instanceId)));
    }

    @Override
    public StateChange terminate(String region, String instanceId) {
        return change(Ec2Errors.call("ec2:TerminateInstances", region,
                () -> ec2(region).terminateInstances(r -> r.instanceIds(instanceId)).terminatingInstances()), instanceId);
    }

    @Override
    public List<ElasticIp> addressesOf(String region, String instanceId) {
        return Ec2Errors.call("ec2:DescribeAddresses", region, () -> ec2(region)
                .describeAddresses(r -> r.filters(Filter.builder().name("instance-id").values(instanceId).build()))
                .addresses().stream().map(AwsElasticIps::toEip).toList());
    }

    private List<Instance> instances(String region, List<Filter> filters) {
        return ec2(region).describeInstancesPaginator(r -> {
            if (!filters.isEmpty()) {
                r.filters(filters);
            }
        }).reservations().stream()
                .flatMap(res -> res.instances().stream()).toList();
    }

    /** Public addresses that are Elastic IPs, for the given (at least one) instances. */
    private Set<String> elasticIps(String region, List<String> instanceIds) {
        return Ec2Errors.call("ec2:DescribeAddresses", region, () -> ec2(region)
                .describeAddresses(r -> r.filters(Filter.builder().name("instance-id").values(instanceIds).build()))
                .addresses().stream().map(a -> a.publicIp()).collect(Collectors.toSet()));
    }

    private static StateChange change(List<InstanceStateChange> changes, String instanceId) {
        InstanceStateChange c = changes.stream().filter(x -> instanceId.equals(x.instanceId())).findFirst()
                .orElseThrow(() -> new dev.deckhand.command.UserFacingException("AWS did not report a state change for "
                        + instanceId + "; check it with `ec2 show " + instanceId + "`."));
        return new StateChange(instanceId, state(c.previousState()), state(c.currentState()));
    }

    private static InstanceState state(software.amazon.awssdk.services.ec2.model.InstanceState s) {
        return s == null || s.code() == null ? InstanceState.UNKNOWN : InstanceState.fromCode(s.code());
    }

    private Ec2Client ec2(String region) {
        return aws.ec2(region);
    }
}
