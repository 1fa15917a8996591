package dev.deckhand.aws.schedule;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.aws.InstanceQuery;
import dev.deckhand.ec2.InstanceState;
import dev.deckhand.schedule.InstanceControl;
import dev.deckhand.schedule.ScheduledInstance;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link InstanceControl} on EC2: DescribeInstances/Addresses, Start/StopInstances, Create/DeleteTags. */
public final class AwsInstanceControl implements InstanceControl {

    static final String SCHEDULE_TAG = "deckhand:schedule";
    private static final List<String> ALIVE = List.of("pending", "running", "stopping", "stopped");

    private final AwsClients aws;

    public AwsInstanceControl(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public List<ScheduledInstance> find(String region, String nameOrIdOrStack) {
        Ec2Client ec2 = aws.ec2(region);
        Map<String, Instance> found = new LinkedHashMap<>();
        AwsErrors.call("ec2:DescribeInstances", region, () -> InstanceQuery.byIdOrName(ec2, nameOrIdOrStack, ALIVE))
                .forEach(i -> found.put(i.instanceId(), i));
        if (found.isEmpty() && !InstanceQuery.isInstanceId(nameOrIdOrStack)) {
            AwsErrors.call("ec2:DescribeInstances", region, () -> ec2.describeInstancesPaginator(r -> r.filters(
                            Filter.builder().name("tag:deckhand:stack").values(nameOrIdOrStack).build(),
                            Filter.builder().name("instance-state-name").values(ALIVE).build()))
                    .reservations().stream().flatMap(res -> res.instances().stream()).toList())
                    .forEach(i -> found.put(i.instanceId(), i));
        }
        return map(region, new ArrayList<>(found.values()));
    }

    @Override
    public Optional<ScheduledInstance> byId(String region, String instanceId) {
        List<Instance> found = AwsErrors.call("ec2:DescribeInstances", region,
                () -> InstanceQuery.byIdOrName(aws.ec2(region), instanceId, List.of()));
        return map(region, found).stream().findFirst();
    }

    private List<ScheduledInstance> map(String region, List<Instance> instances) {
        if (instances.isEmpty()) {
            return List.of();
        }
        List<String> ids = instances.stream().map(Instance::instanceId).toList();
        Set<String> elastic = AwsErrors.call("ec2:DescribeAddresses", region, () -> aws.ec2(region).describeAddresses(r -> r
                        .filters(Filter.builder().name("instance-id").values(ids).build())).addresses())
                .stream().map(Address::publicIp).filter(Objects::nonNull).collect(Collectors.toSet());
        return instances.stream().map(i -> {
            Map<String, String> tags = i.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
            String ip = i.publicIpAddress() == null ? "" : i.publicIpAddress();
            return new ScheduledInstance(i.instanceId(), tags.getOrDefault("Name", ""), i.instanceTypeAsString(),
                    i.state() == null || i.state().code() == null ? InstanceState.UNKNOWN : InstanceState.fromCode(i.state().code()),
                    ip, !ip.isEmpty() && elastic.contains(ip), i.launchTime(), tags.getOrDefault("deckhand:owner", ""),
                    tags.getOrDefault("deckhand:stack", ""), tags.getOrDefault(SCHEDULE_TAG, ""), region);
        }).toList();
    }

    @Override
    public void start(String region, String instanceId) {
        AwsErrors.call("ec2:StartInstances", region, () -> aws.ec2(region).startInstances(r -> r.instanceIds(instanceId)));
    }

    @Override
    public void stop(String region, String instanceId) {
        AwsErrors.call("ec2:StopInstances", region, () -> aws.ec2(region).stopInstances(r -> r.instanceIds(instanceId)));
    }

    @Override
    public void tagSchedule(String region, List<String> instanceIds, String value) {
        AwsErrors.call("ec2:CreateTags", region, () -> aws.ec2(region).createTags(r -> r.resources(instanceIds)
                .tags(Tag.builder().key(SCHEDULE_TAG).value(value).build())));
    }

    @Override
    public void untagSchedule(String region, List<String> instanceIds) {
        AwsErrors.call("ec2:DeleteTags", region, () -> aws.ec2(region).deleteTags(r -> r.resources(instanceIds)
                .tags(Tag.builder().key(SCHEDULE_TAG).build())));
    }
}
