package dev.deckhand.aws.ec2;

import dev.deckhand.ec2.InstanceSummary;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One region's DescribeInstances and DescribeAddresses answers as {@code ec2 list} rows. Shared by
 * {@code ec2 list} and the cost scan, so a listing the scan leaves in the cache reads the same.
 */
public final class InstanceSummaries {

    private InstanceSummaries() {
    }

    /** @param addresses the region's Elastic IPs (all of them, or at least those of {@code instances}) */
    public static List<InstanceSummary> of(List<Instance> instances, List<Address> addresses, String region) {
        Set<String> eips = addresses.stream().map(Address::publicIp).filter(Objects::nonNull).collect(Collectors.toSet());
        return instances.stream().map(i -> Ec2Mapping.summary(i, region, eips)).toList();
    }
}
