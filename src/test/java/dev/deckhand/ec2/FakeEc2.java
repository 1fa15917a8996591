package dev.deckhand.ec2;

import dev.deckhand.network.ElasticIp;
import dev.deckhand.network.IngressRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An in-memory {@link Ec2Service} for handler tests: instances per region, and a log of what was asked. */
final class FakeEc2 implements Ec2Service {

    final List<String> regions = new ArrayList<>(List.of("us-east-1", "eu-west-1", "ap-northeast-2"));
    final Map<String, List<InstanceSummary>> instances = new HashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    Function<String, List<InstanceSummary>> lister = r -> instances.getOrDefault(r, List.of());
    RuntimeException launchFailure;
    /** The client token of every launch, in order. */
    final List<String> tokens = new CopyOnWriteArrayList<>();
    /** Security groups by name, as {@link #securityGroupNamed} finds them. */
    final Map<String, ExistingGroup> groups = new HashMap<>();

    @Override
    public List<String> enabledRegions() {
        return regions;
    }

    @Override
    public List<InstanceSummary> list(String region) {
        calls.add("list " + region);
        return lister.apply(region);
    }

    @Override
    public List<InstanceSummary> find(String region, String nameOrId) {
        calls.add("find " + region + " " + nameOrId);
        return instances.getOrDefault(region, List.of()).stream()
                .filter(i -> i.id().equals(nameOrId) || i.name().equals(nameOrId)).toList();
    }

    @Override
    public InstanceDetails describe(String region, String instanceId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Ami resolveAmi(String region, String aliasOrId) {
        calls.add("ami " + region + " " + aliasOrId);
        return new Ami("ami-0fake000000000000", aliasOrId, "fake", "/dev/xvda");
    }

    @Override
    public List<String> keyPairs(String region) {
        return List.of("my-key");
    }

    @Override
    public java.util.Optional<ExistingGroup> securityGroupNamed(String region, String name) {
        return java.util.Optional.ofNullable(groups.get(name));
    }

    @Override
    public void addIngress(String region, String groupId, List<IngressRule> rules) {
        calls.add("add-ingress " + groupId + " " + rules.stream().map(IngressRule::describe).toList());
    }

    @Override
    public SecurityGroupResult ensureSecurityGroup(SecurityGroupRequest request) {
        calls.add("sg " + request.name() + " " + request.inbound().stream().map(IngressRule::describe).toList());
        return new SecurityGroupResult("sg-0fake", true, request.inbound());
    }

    @Override
    public void deleteSecurityGroup(String region, String groupId) {
        calls.add("delete-sg " + groupId);
    }

    @Override
    public Launched launch(LaunchOrder order) {
        calls.add("launch " + order.type() + " " + order.tags());
        tokens.add(order.clientToken());
        if (launchFailure != null) {
            throw launchFailure;
        }
        return new Launched("i-0fake0001", InstanceState.PENDING);
    }

    @Override
    public StateChange start(String region, String instanceId) {
        calls.add("start " + instanceId);
        return new StateChange(instanceId, InstanceState.STOPPED, InstanceState.PENDING);
    }

    @Override
    public StateChange stop(String region, String instanceId) {
        calls.add("stop " + instanceId);
        return new StateChange(instanceId, InstanceState.RUNNING, InstanceState.STOPPING);
    }

    @Override
    public void reboot(String region, String instanceId) {
        calls.add("reboot " + instanceId);
    }

    @Override
    public StateChange terminate(String region, String instanceId) {
        calls.add("terminate " + instanceId);
        return new StateChange(instanceId, InstanceState.RUNNING, InstanceState.SHUTTING_DOWN);
    }

    @Override
    public List<ElasticIp> addressesOf(String region, String instanceId) {
        return List.of();
    }
}
